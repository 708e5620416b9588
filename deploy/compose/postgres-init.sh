#!/bin/sh
# Run once by the postgres image, when it creates the database cluster: the gateway gets an
# ordinary role that owns its database, not the superuser (docs/CONFIGURATION.md, PostgreSQL).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="$LIENTHONG_DB_PASSWORD" <<'SQL'
CREATE ROLE lienthong LOGIN PASSWORD :'pw';
CREATE DATABASE lienthong OWNER lienthong ENCODING 'UTF8' TEMPLATE template0;
SQL
