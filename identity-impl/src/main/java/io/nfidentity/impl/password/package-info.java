/** Password hashing (Argon2id, bcrypt for imported users) and the password policy. Not public API. */
package io.nfidentity.impl.password;
