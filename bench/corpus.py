"""Make a synthetic corpus: the bundled content and checklists, scaled by a factor, with new ids.

    .venv/bin/python bench/corpus.py --factor 10 --out /tmp/corpus-10

Copy k of every guideline gets every id suffixed with `-k<k>` (k >= 2; copy 1 keeps the real ids),
so cross-references, checklist citations and short links stay valid. A fixed seed decides the
order of the copies, so two runs give the same tree. The texts are the real guideline texts.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SEED = 20261122
ID_KEYS = {"id", "former_ids", "chapters", "related", "cites", "source"}  # source: a checklist schedule's
BENCH_TITLES = "bench-titels.txt"
CHECKLIST_GAPS = "_niet-in-checklist.yaml"  # one file for all copies, beside the checklists
REF = re.compile(r"\(ref:([a-z0-9-]+)\)")


def suffix_ids(node: Any, suffix: str, key: str | None = None) -> Any:
    """Rename every id (and every reference to one) by appending `suffix`."""
    if isinstance(node, dict):
        return {k: suffix_ids(v, suffix, k) for k, v in node.items()}
    if isinstance(node, list):
        return [suffix_ids(v, suffix, key) for v in node]
    if isinstance(node, str) and key in ID_KEYS:
        return node + suffix
    if isinstance(node, str):
        return REF.sub(lambda m: f"(ref:{m.group(1)}{suffix})", node)
    return node


def code_for(code: str, copy: int) -> str:
    """UHP -> UHPB, UHPC, ... ; codes stay 2-6 capitals as the model requires."""
    letters = ""
    n = copy
    while n:
        n, rest = divmod(n, 26)
        letters = chr(ord("A") + rest) + letters
    return (code + letters)[:6] if len(code + letters) <= 6 else code[:3] + letters[-3:]


def dump(data: Any, path: Path, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def scale(factor: int, out: Path, content: Path = REPO / "content", checklists: Path = REPO / "checklists") -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    (out / "checklists").mkdir(parents=True)
    shutil.copyfile(content / "begrippen.yaml", out / "content" / "begrippen.yaml")
    # Every copy of a guideline keeps the names of its sources: the text is checked against them.
    shutil.copytree(content.parent / "sources", out / "sources")
    copies = list(range(1, factor + 1))
    random.Random(SEED).shuffle(copies)
    # The numbered titles of the copies are the benchmark's own: a source page of its own holds them.
    titles: list[str] = []
    gaps_file = checklists / CHECKLIST_GAPS
    gaps = yaml.safe_load(gaps_file.read_text(encoding="utf-8"))["recommendations"] if gaps_file.exists() else []
    all_gaps: list[Any] = []
    for copy in copies:
        suffix = "" if copy == 1 else f"-k{copy}"
        for folder in sorted(p for p in content.iterdir() if p.is_dir()):
            target = out / "content" / f"{folder.name}{suffix}"
            for source in sorted(folder.glob("*.yaml")):
                data = suffix_ids(yaml.safe_load(source.read_text(encoding="utf-8")), suffix)
                if source.name == "richtlijn.yaml" and copy != 1:
                    data["slug"] += suffix
                    data["code"] = code_for(data["code"], copy)
                    data["title"] += f" ({copy})"
                    titles.append(data["title"])
                    data["sources"] = [*data.get("sources", []), BENCH_TITLES]
                dump(data, target / source.name, "../../schemas/bouwsteen.schema.json")
        all_gaps += suffix_ids(gaps, suffix)
        for source in sorted(checklists.glob("[!_]*.yaml")):
            data = suffix_ids(yaml.safe_load(source.read_text(encoding="utf-8")), suffix)
            if copy != 1:
                data["title"] += f" ({copy})"
                # Item ids are local to a checklist: keep them, only the checklist id changes.
                for item in [i for g in data.get("groups", []) for i in g["items"]] + data.get("items", []):
                    item["id"] = item["id"].removesuffix(suffix)
            dump(data, out / "checklists" / f"{source.stem}{suffix}.yaml", "../schemas/checklist.schema.json")
    if all_gaps:
        dump({"recommendations": all_gaps}, out / "checklists" / CHECKLIST_GAPS, "../schemas/niet-in-checklist.schema.json")
    (out / "sources" / BENCH_TITLES).write_text("\n".join(titles) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    scale(args.factor, args.out)
    print(f"{args.factor}x corpus in {args.out}")


if __name__ == "__main__":
    main()
