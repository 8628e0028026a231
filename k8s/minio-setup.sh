#!/bin/sh
# Run by the minio-setup Job (k8s) and service (compose) at every deploy: creates the three buckets
# and, for each service and for clients, a MinIO user with its own policy (minio-policies/NAME.json).
# Keys come from the environment (NAME_S3_ACCESS_KEY, NAME_S3_SECRET_KEY): re-running it applies
# changed secrets and policies. The root credentials are used here only.
set -eu
until mc alias set tessera "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"; do sleep 1; done
mc mb --ignore-existing tessera/ingest tessera/work tessera/results
for name in partitioner gridder gather clean restore client; do
  upper=$(echo "$name" | tr a-z A-Z)
  eval "access=\${${upper}_S3_ACCESS_KEY}"
  eval "secret=\${${upper}_S3_SECRET_KEY}"
  mc admin user add tessera "$access" "$secret"
  mc admin policy create tessera "tessera-$name" "$POLICY_DIR/$name.json"
  # attaching an attached policy is an error: only a missing attachment is made
  mc admin policy entities tessera --user "$access" | grep -q "tessera-$name" \
    || mc admin policy attach tessera "tessera-$name" --user "$access"
done
echo "minio-setup: buckets, users and policies in place"
