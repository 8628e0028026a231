#!/bin/sh
# Run before Artemis at every start (an init container in k8s, a one-shot service in compose):
# writes its etc-override, which the image copies over etc/ each time it starts, so the users follow
# the Secret (not only the first boot), and keeps the console and Jolokia on localhost.
set -eu
override=/var/lib/artemis-instance/etc-override
printf '%s = %s\n' "$ARTEMIS_USER" "$ARTEMIS_PASSWORD" > "$override/artemis-users.properties"
printf 'amq = %s\n' "$ARTEMIS_USER" > "$override/artemis-roles.properties"
cp /setup/broker.properties "$override/broker.properties"
cat > "$override/jolokia-access.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<restrict>
  <remote>
    <host>127.0.0.1</host>
    <host>localhost</host>
  </remote>
  <cors>
    <strict-checking/>
  </cors>
</restrict>
XML
# an instance created earlier keeps its bootstrap.xml: bind its console to localhost as well
bootstrap=/var/lib/artemis-instance/etc/bootstrap.xml
if [ -f "$bootstrap" ]; then
  sed -i -E 's#(uri="https?://)[^:/"]+:8161#\1127.0.0.1:8161#g' "$bootstrap"
fi
