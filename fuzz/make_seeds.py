#!/usr/bin/env python3
"""Writes the checked-in seed corpora of the fuzz targets: small valid encodings of each decoder's
input (fuzz/corpus/decoders) and the repository's scenarios plus a small synthetic one
(fuzz/corpus/scenario). Run from the repository root; the output is deterministic."""
import json
import pathlib
import struct
import zlib

ROOT = pathlib.Path(__file__).resolve().parent
(HEADER, SPARSE, QSGD, SIGN_NORM, VOTE_ZERO, VOTE_RANDOM, VOTE_ADD, INDICES, DEFLATE, MODEL,
 PS_VECTOR, CHOCO, SUBSAMPLE, DAD_SHARE, RELAY, BTARD_FLOATS, ACCUSATIONS) = range(17)
CHOCO_TOP_K, CHOCO_RANDOM_K, CHOCO_QSGD, CHOCO_SIGN, CHOCO_NONE = range(5)


def bits_to_bytes(bits):
    """MSB-first bit packing with zero padding, as BitWriter writes."""
    bits = bits + [0] * (-len(bits) % 8)
    return bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))


def gamma(v):
    binary = [int(c) for c in bin(v)[2:]]
    return [0] * (len(binary) - 1) + binary


def index_code(indices):
    bits, previous = [], 0
    for i in indices:
        bits += gamma(i + 1 - previous)
        previous = i + 1
    return bits_to_bytes(bits)


def deflated(values):
    raw = struct.pack(f"<{len(values)}f", *values)
    n = len(values)
    planes = bytes(raw[i * 4 + b] for b in range(4) for i in range(n))
    return zlib.compress(planes, 1)


def seed(which, dim, data):
    """Selector byte, the two size bytes that give dim (a * 16 + b % 16), then the data."""
    return bytes([which, dim // 16, dim % 16]) + data


def decoder_seeds():
    values = [0.5, -1.25, 3.0, 0.0, -0.75, 2.5, 1e-3, -8.0]
    floats = struct.pack("<8f", *values)
    header = struct.pack("<HHIII", 0xD15A, 7, 3, 1, 4) + b"\x01\x02\x03\x04"
    out = {"header": seed(HEADER, 0, header)}
    out["sparse_all"] = seed(SPARSE, 8, struct.pack("<IIIB", 3, 8, 8, 1) + floats)
    idx = index_code([1, 4, 6])
    out["sparse_indices"] = seed(
        SPARSE, 8,
        struct.pack("<IIIBI", 3, 8, 3, 0, len(idx)) + idx + struct.pack("<3f", *values[:3]))
    packed = deflated(values)
    out["sparse_deflated"] = seed(
        SPARSE, 8, struct.pack("<IIIBI", 3, 8, 8, 3, len(packed)) + packed)
    # qsgd, 4 levels (a * 257 + b = 3), dim 3: levels 3 bits + sign bit when non-zero.
    out["qsgd"] = bytes([QSGD, 0, 3]) + struct.pack("<f", 2.0) + bits_to_bytes(
        [0, 1, 1, 0] + [0, 0, 0] + [1, 0, 0, 1])
    out["sign_norm"] = seed(SIGN_NORM, 8, struct.pack("<f", 0.75) + bytes([0b10100101]))
    out["vote_zero"] = seed(VOTE_ZERO, 8, bytes([0b00011000, 0b10010010]))
    out["vote_random"] = seed(VOTE_RANDOM, 16, bytes([0b10100101, 0b11110000]))
    out["vote_add"] = seed(VOTE_ADD, 8, bytes([0b01100110]))
    out["indices"] = bytes([INDICES, 3, 1]) + idx
    out["deflate"] = seed(DEFLATE, 8, packed)
    out.update(protocol_seeds(values, floats, idx))
    return out


def choco_seed(compressor, body):
    """dim 8 (a = 0, low bits of b), the compressor in b's high bits; qsgd with 1 level."""
    return bytes([CHOCO, 0, compressor * 16 + 8]) + struct.pack("<IIB", 3, 8, compressor) + body


def protocol_seeds(values, floats, idx):
    """The readers inside protocol classes, each on a well-formed message."""
    out = {}
    out["model"] = seed(MODEL, 8, struct.pack("<II", 3, 8) + floats)
    out["ps_vector"] = seed(PS_VECTOR, 8, struct.pack("<I", 8) + floats)
    three = struct.pack("<3f", *values[:3])
    out["choco_top_k"] = choco_seed(CHOCO_TOP_K, struct.pack("<II", 3, len(idx)) + idx + three)
    out["choco_random_k"] = choco_seed(CHOCO_RANDOM_K, struct.pack("<IQ", 3, 42) + three)
    out["choco_qsgd"] = choco_seed(
        CHOCO_QSGD, struct.pack("<f", 2.0) + bits_to_bytes([1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1]))
    out["choco_sign"] = choco_seed(CHOCO_SIGN, struct.pack("<f", 0.75) + bytes([0b10100101]))
    out["choco_none"] = choco_seed(CHOCO_NONE, floats)
    out["subsample"] = seed(SUBSAMPLE, 8, struct.pack("<IIIQ", 3, 8, 3, 42) + three)
    # The fuzzer's network: conv (20 parameters), dense 18 -> 4, dense 4 -> 3; batch 2. dAD
    # (b even): 20 + 2 (18 + 4) + 2 (4 + 3) = 78 values; rank-dAD at rank 2 (b odd): 20 + 2 (18 + 4)
    # + 4 + 2 (4 + 3) + 3 = 85.
    for name, b, size in (("dad_share", 0, 78), ("rank_dad_share", 1, 85)):
        share = [((i * 7) % 11 - 5) / 4 for i in range(size)]
        out[name] = bytes([DAD_SHARE, 0, b]) + struct.pack(f"<I{size}f", size, *share)
    # 3 sites (a = 2), shares of 4 values (b = 4) from sites 0 and 2.
    four = struct.pack("<4f", *values[:4])
    out["relay"] = bytes([RELAY, 2, 4]) + struct.pack("<III", 2, 0, 4) + four + struct.pack(
        "<II", 2, 4) + four
    # 3 header bytes (a = 3), 4 floats (b = 4).
    out["btard_floats"] = bytes([BTARD_FLOATS, 3, 4]) + struct.pack("<I", 4) + b"\x01\x00\x01" + four
    # Active peers 0, 2, 4, 6 (a = 8, step 1 + b % 3 = 2); sender 1 (b = 1) accuses 2 and 4.
    out["accusations"] = bytes([ACCUSATIONS, 8, 1]) + struct.pack("<IIBIB", 2, 2, 1, 4, 3)
    return out


def scenario_seeds():
    out = {p.name: p.read_bytes() for p in sorted((ROOT.parent / "scenarios").glob("*.json"))}
    small = {
        "name": "fuzz", "seed": 3, "nodes": 8, "rounds": 2,
        "topology": {"kind": "regular", "degree": 3},
        "data": {"dataset": {"kind": "synthetic", "features": 16, "train_samples": 200,
                             "test_samples": 50}, "partition": "iid"},
        "model": {"kind": "mlp", "hidden": [16]},
        "training": {"lr": 0.1, "batch_size": 16},
        "protocol": {"kind": "dpsgd", "aggregator": {"kind": "krum", "f": 1}},
        "byzantine": {"count": 1, "attack": "sign-flip"},
        "eval": {"every": 1}}
    out["small.json"] = json.dumps(small, indent=1).encode()
    return out


def write(folder, files):
    target = ROOT / "corpus" / folder
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():  # inputs a finding left (regression-*) stay
        if not old.name.startswith("regression-"):
            old.unlink()
    for name, data in files.items():
        (target / name).write_bytes(data)


if __name__ == "__main__":
    write("decoders", decoder_seeds())
    write("scenario", scenario_seeds())
