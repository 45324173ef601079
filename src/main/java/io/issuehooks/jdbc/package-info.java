/**
 * The XA data source the server's {@code io.issuehooks.jdbc} module provides: it reads the JDBC URL and hands
 * out H2 or PostgreSQL XA connections, so one built server runs on either database. Not part of the WAR.
 */
package io.issuehooks.jdbc;
