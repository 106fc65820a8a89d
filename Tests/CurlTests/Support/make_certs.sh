#!/bin/sh
# Creates the TLS material for CurlTests in directory $1 with the openssl CLI:
#   ca.pem/ca-key.pem          test CA
#   server.pem/server-key.pem  server cert from the CA (localhost, 127.0.0.1, *.stockade.test names)
#   client.pem/client-key.pem  client cert from the CA (CN=stockade-test-client)
#   other-ca.pem/other-ca-key.pem               an unrelated CA (the "wrong CA")
#   other-client.pem/other-client-key.pem       a client cert from the unrelated CA
set -eu
dir=$1
cd "$dir"
curve="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"

make_ca() { # name cn
    openssl req -x509 $curve -keyout "$1-key.pem" -out "$1.pem" -days 2 -subj "/CN=$2" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}
make_leaf() { # name cn ca extensions
    openssl req -new $curve -keyout "$1-key.pem" -out "$1.csr" -subj "/CN=$2"
    printf '%s\n' "$4" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3-key.pem" -CAcreateserial \
        -out "$1.pem" -days 2 -extfile "$1.ext"
}

make_ca ca "Stockade Test CA"
make_ca other-ca "Unrelated Test CA"
make_leaf server localhost ca "subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:api.stockade.test,DNS:proxied.stockade.test
extendedKeyUsage=serverAuth"
make_leaf client stockade-test-client ca "extendedKeyUsage=clientAuth"
make_leaf other-client other-test-client other-ca "extendedKeyUsage=clientAuth"
