/* Checklist behaviour: ticks kept on this device only. */
