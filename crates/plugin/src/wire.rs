//! How protocol messages are encoded across the C ABI: MessagePack with field names.
//!
//! Over a pipe the messages are JSON lines, readable and easy in any language. Across the
//! C ABI both ends are this crate, so the encoding is chosen on speed: MessagePack carries
//! strings as length-prefixed bytes, with no escaping to write or undo, which made a
//! library enricher's round trip about 5x cheaper than JSON on news articles
//! (`cargo xtask bench plugins`). The messages are the same types as over the pipe.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A plugin message that cannot be encoded, or bytes that are not one.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// The message cannot be encoded.
    #[error("cannot encode a plugin message")]
    Encode(#[from] rmp_serde::encode::Error),
    /// The bytes are not a message of the expected type.
    #[error("not a valid plugin message")]
    Decode(#[from] rmp_serde::decode::Error),
}

/// Encodes a message.
pub fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, WireError> {
    Ok(rmp_serde::to_vec_named(message)?)
}

/// Decodes a message.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WireError> {
    Ok(rmp_serde::from_slice(bytes)?)
}
