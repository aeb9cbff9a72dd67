#!/usr/bin/env bash
# Prepares the Payara Server that the build unpacked for the integration tests: the Payara counterpart of the
# WildFly CLI commands in the POMs. Run by the src-it build (profile payara) before the tests; safe to run again.
#
#   configure.sh PAYARA_HOME PROPERTIES_FILE DATASOURCE_JNDI PG_DRIVER_JAR OUTAGE_PG_URL [COMMAND_FILE]
#
# - every line of PROPERTIES_FILE becomes a JVM option -Dkey=value (WildFly: standalone.sh -P file);
# - nf.identity.datasource is set to DATASOURCE_JNDI;
# - Payara's default H2 pool (jdbc/__default) becomes an in-memory database, fresh at every start like WildFly's
#   ExampleDS, and waits 10 s for a row lock (the same setting the WildFly build applies);
# - PostgreSQL's driver goes into the domain's lib/; jdbc/NfIdentityOutage points at DatabaseOutageIT's private
#   PostgreSQL (checked when taken, dropped on failure, the way nf-identity recommends for production);
# - with COMMAND_FILE (nf-identity's published Payara command file, identity-impl:asadmin:payara) the suite's
#   PostgreSQL pool, jdbc/nf-identity, is made by that file, run the way docs/servers.md tells users to run it
#   (asadmin multimode --file). Its values stay ${ENV=...} references in domain.xml, which Payara resolves from the
#   server's environment at every start: the tests' NF_IDENTITY_DB_* (src-it/pom.xml).
set -euo pipefail
home=$1 props=$2 datasource=$3 pg_jar=$4 outage_url=$5 commands=${6:-}
asadmin=$home/bin/asadmin
domain=$home/glassfish/domains/domain1
stamp=$(cat "$props" "$0" ${commands:+"$commands"} | sha256sum | cut -c1-16)
stamp=$stamp-$(echo "$datasource $outage_url $commands" | sha256sum | cut -c1-16)
marker=$domain/config/.nf-identity-configured
if [[ -f $marker && $(cat "$marker") == "$stamp" ]]; then
  echo "Payara already configured ($stamp)"
  exit 0
fi
if [[ -f $marker ]]; then
  echo "Payara was configured with other settings; unpack it again (mvn clean) to change them" >&2
  exit 1
fi

# asadmin's JVM options and --property values take ':' as a separator: escape it (and '=' in property values)
esc() { sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' <<<"$1"; }

cp "$pg_jar" "$domain/lib/"
"$asadmin" start-domain domain1 >/dev/null
trap '"$asadmin" stop-domain domain1 >/dev/null || true' EXIT

options=()
while IFS= read -r line; do
  [[ -z $line || $line == \#* ]] && continue
  options+=("-D$(esc "${line%%=*}")=$(esc "${line#*=}")")
done <"$props"
# Payara's default datasource is nf-identity's default too: left unset, so the suite proves the lookup
if [[ $datasource != jdbc/__default ]]; then
  options+=("-Dnf.identity.datasource=$(esc "$datasource")")
fi
options+=("-Xmx768m")
"$asadmin" delete-jvm-options -- -Xmx512m >/dev/null
for o in "${options[@]}"; do
  "$asadmin" create-jvm-options -- "$o" >/dev/null
done

"$asadmin" set 'resources.jdbc-connection-pool.H2Pool.property.URL=jdbc:h2:mem:nfidentity;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000' >/dev/null

# a pool of PostgreSQL connections: NAME URL
pg_pool() {
  "$asadmin" create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource \
    --restype=javax.sql.DataSource --steadypoolsize=0 --maxpoolsize=20 --maxwait=5000 \
    --isconnectvalidatereq=true --validationmethod=custom-validation \
    --validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=true \
    --property "url=$(esc "$2" | sed 's/=/\\=/g'):user=postgres:password=unused" "$1" >/dev/null
  "$asadmin" create-jdbc-resource --connectionpoolid="$1" "jdbc/$1" >/dev/null
}
pg_pool NfIdentityOutage "$outage_url"
if [[ -n $commands ]]; then
  "$asadmin" multimode --file "$commands" >/dev/null
fi
echo "$stamp" >"$marker"
echo "Payara configured ($stamp)"
