// placeholder until the report lands: no report files
export function renderReport(_read: (path: string) => Uint8Array | undefined): Map<string, Uint8Array> {
  return new Map();
}
