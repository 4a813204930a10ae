// placeholder
internals.node_crypto = internals.crypto;
