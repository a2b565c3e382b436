#!/usr/bin/env python3
"""The python3-cryptography peer of bench/testpki: N leaves with fresh keys under one intermediate,
in one process, each written as NAME.crt (PEM) and NAME.key (PKCS#8 PEM), as kr-testpki writes them.
Usage: py_leaves.py OUT_DIR N p256|rsa2048"""
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

out, count, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out)
now = datetime.datetime.now(datetime.timezone.utc)


def new_key():
    if kind == "rsa2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def write(path, data, mode=0o644):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


root_key = ec.generate_private_key(ec.SECP384R1())
root = (x509.CertificateBuilder().subject_name(name("Bench Root")).issuer_name(name("Bench Root"))
        .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30)).not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(root_key, hashes.SHA384()))
inter_key = ec.generate_private_key(ec.SECP256R1())
inter = (x509.CertificateBuilder().subject_name(name("Bench Intermediate")).issuer_name(root.subject)
         .public_key(inter_key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(now - datetime.timedelta(days=30)).not_valid_after(now + datetime.timedelta(days=1825))
         .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
         .sign(root_key, hashes.SHA384()))
aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(inter_key.public_key())
for n in range(1, count + 1):
    key = new_key()
    host = f"leaf-{n}.example.test"
    cert = (x509.CertificateBuilder().subject_name(name(host)).issuer_name(inter.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=90))
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(aki, critical=False)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .sign(inter_key, hashes.SHA256()))
    write(f"{out}/leaf-{n}.crt", cert.public_bytes(serialization.Encoding.PEM))
    write(f"{out}/leaf-{n}.key", key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()), 0o600)
