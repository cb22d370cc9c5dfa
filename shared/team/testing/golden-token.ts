/**
 * One unsubscribe token exactly as the desktop signed it before the format moved to shared/ (team key = 32 bytes
 * of 7, jane@example.com, mailbox mb1, issued 1_700_000_000 s). The desktop's test signs it again and the
 * server's test verifies it, so neither side can drift from the other.
 */
export const GOLDEN_TEAM_KEY_BYTE = 7;
export const GOLDEN_ADDRESS = 'jane@example.com';
export const GOLDEN_ADDRESS_KEY = 'c8b708a7575c4c2addb4a0e6bc3d81a46594f182ccd1914fdf28b24a6c75b521';
export const GOLDEN_MAILBOX = 'mb1';
export const GOLDEN_ISSUED_AT_MS = 1_700_000_000_000;
export const GOLDEN_TOKEN =
  'eyJ2IjoxLCJrIjoiYzhiNzA4YTc1NzVjNGMyYWRkYjRhMGU2YmMzZDgxYTQ2NTk0ZjE4MmNjZDE5MTRmZGYyOGIyNGE2Yzc1YjUyMSIsIm0iOiJtYjEiLCJ0IjoxNzAwMDAwMDAwfQ' +
  '.PHkJT3eKVPFYZH_cyddkAZPvf5O3d74n33RryqeLIB8';
