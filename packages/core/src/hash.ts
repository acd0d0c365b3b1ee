// sha256 in lowercase hex: the one digest bycn writes (snapshot metas, SHA256SUMS, the data version, releases)
import { createHash } from "node:crypto";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
