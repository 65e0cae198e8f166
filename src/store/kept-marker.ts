/** localStorage key of the marker: present once a session has been kept on this device (durability.ts). */
export const KEPT_MARKER_KEY = 'attune.history-kept.v1';
