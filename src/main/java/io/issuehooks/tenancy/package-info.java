/**
 * Organisations, their teams and their service accounts: the tenants every other record belongs to, and the
 * API through which the operator creates organisations and their admins manage teams and keys.
 */
package io.issuehooks.tenancy;
