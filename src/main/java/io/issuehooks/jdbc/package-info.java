/**
 * The JDBC driver the server's {@code io.issuehooks.jdbc} module provides: it reads the JDBC URL and hands the
 * connection to the H2 or the PostgreSQL driver, so one built server runs on either database. Not part of the WAR.
 */
package io.issuehooks.jdbc;
