#!/usr/bin/env bash
# docs/test-vectors checked by code that shares nothing with keyrite: Python's hashlib recomputes
# the RFC 6962 roots and the approval's log-root, python3-cryptography verifies the approval's
# Ed25519 signature and the audit key's ECDSA checkpoint signature; kr-transcript verifies the
# transcript and the proofs. Then bare RFC 6962 proofs that Python computes for random trees (its
# own RFC 9162 implementation) must verify with kr-transcript verify-proof, and altered ones not.
# Also: the files keyrite reads are regular files within a size limit (/dev/zero, a FIFO, a
# directory are refused at once, naming the file).
source "$(dirname "$0")/lib.sh"
T=$KR_BIN/kr-transcript
V=$KR_SOURCE_DIR/docs/test-vectors

run_expect 0 "$T" verify "$V/transcript.jsonl" --audit-key "$V/audit-key.pem"
assert_eq "the vector transcript verifies" "verdict:    ok" "$(grep '^verdict' <<<"$OUT")"
for p in inclusion consistency rfc6962-inclusion rfc6962-consistency; do
  run_expect 0 "$T" verify-proof "$V/$p.proof" --audit-key "$V/audit-key.pem"
done
run_expect 0 "$T" verify-proof "$V/rfc6962-inclusion.proof"
run_expect 2 "$T" verify-proof "$V/inclusion.proof"
assert_eq "a keyrite proof needs the audit key" 1 "$(grep -c 'checked under the ceremony.s audit key' <<<"$ERR")"

python3 - "$V" <<'PY' >"$WORK/python.out" 2>&1 || { cat "$WORK/python.out" >&2; fail "python checks of docs/test-vectors"; }
import base64, hashlib, json, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

d = sys.argv[1]
def sha(b): return hashlib.sha256(b).digest()
def mth(leaves):  # RFC 6962 2.1, written from the RFC
    if not leaves: return sha(b"")
    if len(leaves) == 1: return sha(b"\x00" + leaves[0])
    k = 1
    while k * 2 < len(leaves): k *= 2
    return sha(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))

data = open(f"{d}/transcript.jsonl", "rb").read()
assert data.endswith(b"\n")
lines = data[:-1].split(b"\n")
roots = {}
for row in open(f"{d}/roots.txt"):
    if row.startswith("#") or not row.strip(): continue
    seq, root = row.split()
    roots[int(seq)] = root
checkpoints = [i for i, l in enumerate(lines) if json.loads(l)["type"] == "checkpoint"]
assert sorted(roots) == checkpoints, (roots, checkpoints)
audit = serialization.load_pem_public_key(open(f"{d}/audit-key.pem", "rb").read())
spki = audit.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
assert len(spki) == 91 and spki[26] == 4, "uncompressed P-256 SPKI"
n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
line0 = lines[0]
ceremony = json.loads(line0)["target"].split(":", 1)[1]
origin = f"keyrite/{ceremony}/{hashlib.sha256(line0).hexdigest()[:16]}"
for seq, root in roots.items():
    assert mth(lines[:seq]).hex() == root, seq
    cp = json.loads(lines[seq])
    text, sigs = cp["note"].split("\n\n")
    body = text.split("\n")
    assert body[0] == origin and body[1] == str(seq), body
    assert base64.b64decode(body[2]).hex() == root
    assert body[3] == "time " + cp["time"]
    signers = body[4].split(" ")[1:]
    sig_lines = sigs.rstrip("\n").split("\n")
    assert [s.split(" ")[1] for s in sig_lines] == signers  # one line per signer, in order
    blob = base64.b64decode(sig_lines[0].split(" ")[2])
    assert blob[:4] == sha(spki)[:4], "audit key ID over the uncompressed SPKI"
    audit.verify(blob[4:], (text + "\n").encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(blob[4:])
    assert s <= n // 2, "low S"
print("roots and checkpoint signatures ok")

key = dict(l.split(" ", 1) for l in open(f"{d}/approval-key.txt").read().splitlines() if l and not l.startswith("#"))
message = open(f"{d}/approval-message.txt", "rb").read()
approval = json.load(open(f"{d}/approval.json"))
seed = bytes.fromhex(key["seed"])
assert seed == hashlib.sha256(b"keyrite test vector custodian Cara").digest()
priv = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
pub = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
assert pub.hex() == key["public"]
roster = json.loads(line0)["details"]["roster"]
assert base64.b64decode(roster["custodians"]["Cara"]) == pub
expected = "keyrite approval v1\n" + "".join(
    f"{k}: {approval[k]}\n" for k in ["ceremony-id", "step-id", "step-sha256", "log-root", "log-size",
                                      "set-id", "custodian", "index", "time"])
assert message == expected.encode(), (message, expected)
assert priv.sign(message) == base64.b64decode(approval["signature"])
ed25519.Ed25519PublicKey.from_public_bytes(pub).verify(base64.b64decode(approval["signature"]), message)
assert mth(lines[:approval["log-size"]]).hex() == approval["log-root"]
assert json.loads(lines[int(key["line"])])["details"]["approval"] == approval
print("approval ok")
PY
assert_eq "python: roots, checkpoint signatures (low S), approval bytes and signature" \
  "roots and checkpoint signatures ok
approval ok" "$(cat "$WORK/python.out")"

# Bare RFC 6962 proofs computed by Python for random trees (RFC 9162 2.1.3.1 and 2.1.4.1).
mkdir -p "$WORK/bare"
python3 - "$WORK/bare" <<'PY' >"$WORK/bare.count"
import hashlib, json, os, random, sys
out = sys.argv[1]
rng = random.Random(6962)
def sha(b): return hashlib.sha256(b).digest()
def leaf(d): return sha(b"\x00" + d)
def mth(ls):
    if len(ls) == 1: return ls[0]
    k = 1
    while k * 2 < len(ls): k *= 2
    return sha(b"\x01" + mth(ls[:k]) + mth(ls[k:]))
def path(m, ls):
    if len(ls) == 1: return []
    k = 1
    while k * 2 < len(ls): k *= 2
    return path(m, ls[:k]) + [mth(ls[k:])] if m < k else path(m - k, ls[k:]) + [mth(ls[:k])]
def subproof(m, ls, b):
    n = len(ls)
    if m == n: return [] if b else [mth(ls)]
    k = 1
    while k * 2 < n: k *= 2
    return subproof(m, ls[:k], b) + [mth(ls[k:])] if m <= k else subproof(m - k, ls[k:], False) + [mth(ls[:k])]
count = 0
for n in [1, 2, 3, 5, 8, 13, 64, 100, 1000]:
    ls = [leaf(os.urandom(rng.randint(0, 40))) for _ in range(n)]
    for m in sorted({0, n - 1, rng.randrange(n)}):
        p = {"rfc6962-proof": "inclusion", "leaf-hash": ls[m].hex(), "index": m, "tree-size": n,
             "root": mth(ls).hex(), "hashes": [h.hex() for h in path(m, ls)]}
        json.dump(p, open(f"{out}/inc-{n}-{m}.json", "w")); count += 1
    for m in sorted({1, n, rng.randint(1, n)}):
        p = {"rfc6962-proof": "consistency", "first-size": m, "second-size": n, "first-root": mth(ls[:m]).hex(),
             "second-root": mth(ls).hex(), "hashes": [h.hex() for h in subproof(m, ls, True)]}
        json.dump(p, open(f"{out}/con-{n}-{m}.json", "w")); count += 1
print(count)
PY
ok=0 total=0
for f in "$WORK"/bare/*.json; do
  total=$((total + 1))
  "$T" verify-proof "$f" >/dev/null && ok=$((ok + 1))
  # The same proof with its root's first hex digit changed must fail.
  jq -c 'if .root then .root |= ((if .[0:1] == "0" then "1" else "0" end) + .[1:])
         else ."second-root" |= ((if .[0:1] == "0" then "1" else "0" end) + .[1:]) end' "$f" > "$WORK/altered.json"
  if "$T" verify-proof "$WORK/altered.json" >/dev/null 2>&1; then fail "altered $(basename "$f") verified"; fi
done
assert_eq "every Python-computed bare proof verifies ($total)" "$total" "$ok"

# Bounded reads: a device, a FIFO and a directory are refused at once, naming the file.
mkfifo "$WORK/fifo"
run_expect 2 timeout 10 "$T" verify-proof /dev/zero
assert_eq "/dev/zero as a proof: refused" 1 "$(grep -c '/dev/zero: the proof file must be a regular file; this is a character device' <<<"$ERR")"
run_expect 2 timeout 10 "$T" verify "$WORK/fifo" --audit-key "$V/audit-key.pem"
assert_eq "a FIFO as a transcript: refused" 1 "$(grep -c 'fifo: the transcript must be a regular file; this is a FIFO' <<<"$ERR")"
run_expect 2 timeout 10 "$T" verify "$V/transcript.jsonl" --audit-key /dev/zero
assert_eq "/dev/zero as the audit key: refused" 1 "$(grep -c '/dev/zero: the audit key must be a regular file' <<<"$ERR")"
run_expect 2 timeout 10 "$T" verify-proof "$WORK"
assert_eq "a directory as a proof: refused" 1 "$(grep -c 'the proof file must be a regular file; this is a directory' <<<"$ERR")"
head -c $((64 * 1024 * 1024 + 1)) /dev/zero > "$WORK/big.proof"
run_expect 2 "$T" verify-proof "$WORK/big.proof"
assert_eq "a proof over 64 MiB: refused unread" 1 "$(grep -c 'big.proof: the proof file is larger than 64 MiB' <<<"$ERR")"

# kr-ceremony check refuses a share set that is a device, before anything reads it.
cat > "$WORK/zero.yaml" <<'YAML'
keyrite: 1
ceremony: {id: zero-share-set}
token: {module: softhsm2, label: zero-hsm}
roles:
  administrator: Alex Admin
  internal-auditor: Ivy Auditor
  custodians: [Cara, Dev, Eli, Fay]
quorum: {activation: 3-of-4, share-set: /dev/zero}
steps:
  - id: key-1
    generate-key: {label: root-ca-1, type: ec, curve: P-256}
YAML
run_expect 2 timeout 20 "$KR_BIN/kr-ceremony" check "$WORK/zero.yaml" --output-dir "$WORK/out"
assert_eq "check: share-set /dev/zero refused" 1 "$(grep -c '"/dev/zero" is not a regular file' <<<"$ERR")"
sed -i 's|share-set: /dev/zero|share-set: fifo|' "$WORK/zero.yaml"
run_expect 2 timeout 20 "$KR_BIN/kr-ceremony" check "$WORK/zero.yaml" --output-dir "$WORK/out"
assert_eq "check: share-set FIFO refused" 1 "$(grep -c '"fifo" is not a regular file' <<<"$ERR")"

finish
