/**
 * Not API: the parsing and field-checking machinery the message decoders share. Other modules use
 * the decoders and records; anything here may change without notice.
 */
package io.pitwall.contracts.internal;
