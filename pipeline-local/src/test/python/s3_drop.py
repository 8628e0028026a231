"""Drops an MS tarball into the ingest bucket with boto3, as a user of a deployment would.

s3_drop.py ENDPOINT ACCESS_KEY SECRET_KEY KEY TARBALL [PARAMETERS_JSON] [--symlink-chain]

With PARAMETERS_JSON, X.ms.json is put beside X.ms.tar first. With --symlink-chain the tarball is
the given one plus issue 16's escaping chain of links: a/b -> .., a/b/c/d -> .., a/b/c/d/x ->
../../../../.., then a directory and a hard link written through x.
"""
import io
import sys
import tarfile

import boto3
from botocore.config import Config


def with_symlink_chain(path):
    out = io.BytesIO()
    with tarfile.open(path) as src, tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as dst:
        first_file = None
        for member in src.getmembers():
            dst.addfile(member, src.extractfile(member) if member.isfile() else None)
            if member.isfile() and first_file is None:
                first_file = member.name
        for name, target in [("a/b", ".."), ("a/b/c/d", ".."), ("a/b/c/d/x", "../../../../..")]:
            link = tarfile.TarInfo(name)
            link.type = tarfile.SYMTYPE
            link.linkname = target
            dst.addfile(link)
        escaped = tarfile.TarInfo("a/b/c/d/x/escaped-dir")
        escaped.type = tarfile.DIRTYPE
        dst.addfile(escaped)
        hard = tarfile.TarInfo("a/b/c/d/x/escaped-link")
        hard.type = tarfile.LNKTYPE
        hard.linkname = first_file
        dst.addfile(hard)
    return out.getvalue()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    endpoint, access, secret, key, tarball = args[:5]
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access, aws_secret_access_key=secret,
                      region_name="us-east-1",
                      config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
    if len(args) > 5:
        stem = key.rsplit(".ms.", 1)[0]
        with open(args[5], "rb") as f:
            s3.put_object(Bucket="ingest", Key=stem + ".ms.json", Body=f.read())
    if "--symlink-chain" in sys.argv:
        body = with_symlink_chain(tarball)
    else:
        with open(tarball, "rb") as f:
            body = f.read()
    s3.put_object(Bucket="ingest", Key=key, Body=body)
    head = s3.head_object(Bucket="ingest", Key=key)
    print("dropped ingest/%s (%d bytes, ETag %s)" % (key, head["ContentLength"], head["ETag"]))


if __name__ == "__main__":
    main()
