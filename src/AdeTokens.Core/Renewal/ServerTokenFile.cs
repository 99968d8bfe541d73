using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// Apple's server token file (<c>&lt;MDM server&gt;_Token_&lt;timestamp&gt;_smime.p7m</c>) from Apple Business
    /// Manager. It is encrypted to Intune's key, so it cannot be decrypted here; it is checked for shape and
    /// recipient so a wrong or damaged file is caught before it replaces a working token in Intune.
    /// </summary>
    /// <remarks>
    /// The steps are one type each: <see cref="ServerTokenFileReader"/> (disk), <see cref="ServerTokenContent"/>
    /// (S/MIME, base64 or DER to CMS bytes), <see cref="EnvelopedDataReader"/> (EnvelopedCms, after
    /// <see cref="CmsProbe"/>'s truncation check) and <see cref="RecipientCheck"/> (against the Intune key).
    /// </remarks>
    public sealed class ServerTokenFile
    {
        /// <summary>Default size limit for <see cref="Load"/>; real tokens are a few kilobytes.</summary>
        public const long DefaultMaxBytes = 64 * 1024;

        /// <summary><see cref="Format"/> for an S/MIME message: MIME headers, a blank line, a base64 body.</summary>
        public const string FormatSmime = "Smime";

        /// <summary><see cref="Format"/> for a bare base64 body with no MIME headers.</summary>
        public const string FormatBase64 = "Base64";

        /// <summary><see cref="Format"/> for raw DER (binary) CMS.</summary>
        public const string FormatDer = "Der";

        private ServerTokenFile(string source, long byteCount, ServerTokenContent content, IReadOnlyList<ServerTokenRecipient> recipients, System.Security.Cryptography.Oid algorithm)
        {
            Source = source;
            Format = content.Format;
            ByteCount = byteCount;
            MimeContentType = content.ContentType;
            TextForUpload = content.TextForUpload;
            Recipients = recipients;
            ContentEncryptionAlgorithmOid = algorithm.Value ?? string.Empty;
            ContentEncryptionAlgorithm = CmsNames.Algorithm(algorithm);
        }

        /// <summary>Where the content came from: the full path for <see cref="Load"/>, the caller's label for <see cref="Parse"/>.</summary>
        public string Source { get; }

        /// <summary>Input format: <see cref="FormatSmime"/>, <see cref="FormatBase64"/> or <see cref="FormatDer"/>.</summary>
        public string Format { get; }

        /// <summary>True when the file had MIME headers, as Apple's download does.</summary>
        public bool HasMimeHeaders => Format == FormatSmime;

        /// <summary>The Content-Type header value, or null when there were no headers or no Content-Type.</summary>
        public string? MimeContentType { get; }

        /// <summary>Size of the input in bytes.</summary>
        public long ByteCount { get; }

        /// <summary>All recipients; Apple's tokens have exactly one.</summary>
        public IReadOnlyList<ServerTokenRecipient> Recipients { get; }

        /// <summary>Issuer of the first recipient named by issuer and serial, or null.</summary>
        public string? RecipientIssuer => Recipients.FirstOrDefault(r => r.Issuer != null)?.Issuer;

        /// <summary>Serial number (uppercase hex) of the first recipient named by issuer and serial, or null.</summary>
        public string? RecipientSerialNumber => Recipients.FirstOrDefault(r => r.SerialNumber != null)?.SerialNumber;

        /// <summary>Subject key identifier (uppercase hex) of the first recipient named that way, or null.</summary>
        public string? RecipientSubjectKeyIdentifier => Recipients.FirstOrDefault(r => r.SubjectKeyIdentifier != null)?.SubjectKeyIdentifier;

        /// <summary>Content encryption algorithm, e.g. "AES-256-CBC".</summary>
        public string ContentEncryptionAlgorithm { get; }

        /// <summary>Content encryption algorithm OID.</summary>
        public string ContentEncryptionAlgorithmOid { get; }

        /// <summary>
        /// The text to send as <c>depToken</c> in Graph uploadDepToken: the file's text as-is without a UTF-8 byte
        /// order mark, or base64 for a DER file. Never part of <see cref="ToString"/>; keep it out of logs.
        /// </summary>
        public string TextForUpload { get; }

        /// <summary>Reads and checks a server token file.</summary>
        /// <param name="path">Path to the .p7m file. Relative paths resolve against the process working directory, which in PowerShell is not the current location: resolve them first.</param>
        /// <param name="maxBytes">Largest file accepted.</param>
        /// <returns>The parsed token file.</returns>
        /// <exception cref="ServerTokenException">The file is missing, unreadable, empty, too large, or not a usable token.</exception>
        public static ServerTokenFile Load(string path, long maxBytes = DefaultMaxBytes)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (maxBytes <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The size limit must be positive.");
            }

            byte[] content = ServerTokenFileReader.Read(path, maxBytes, out string fullPath);
            return Parse(content, fullPath);
        }

        /// <summary>Checks server token content that is already in memory.</summary>
        /// <param name="content">The file's bytes: S/MIME text, bare base64 text, or DER.</param>
        /// <param name="source">A label for messages, such as the file path.</param>
        /// <returns>The parsed token file.</returns>
        /// <exception cref="ServerTokenException">The content is empty or not a usable token.</exception>
        public static ServerTokenFile Parse(byte[] content, string source)
        {
            if (content == null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            ServerTokenContent parsed = ServerTokenContent.Read(content, source);
            EnvelopedDataReader.Read(parsed, source, out IReadOnlyList<ServerTokenRecipient> recipients, out System.Security.Cryptography.Oid algorithm);
            return new ServerTokenFile(source, content.Length, parsed, recipients, algorithm);
        }

        /// <summary>Compares the file's recipients with the Intune token's public key.</summary>
        /// <param name="key">The Intune token's encryption public key.</param>
        /// <param name="reason">Why it matches or not, naming the issuer/serial or key identifiers involved.</param>
        /// <returns>Match, Mismatch, or Unconfirmed when no recipient names a certificate or key.</returns>
        public RecipientMatch CheckRecipient(EncryptionPublicKey key, out string reason)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            return RecipientCheck.Check(Recipients, key, out reason);
        }

        /// <summary>True when some recipient is this key's certificate (issuer and serial) or key identifier.</summary>
        /// <param name="key">The Intune token's encryption public key.</param>
        /// <param name="reason">Why it matches or not; safe to show, it names certificates, not content.</param>
        /// <returns>Whether a match was confirmed. An unconfirmable comparison returns false.</returns>
        public bool MatchesRecipient(EncryptionPublicKey key, out string reason) =>
            CheckRecipient(key, out reason) == RecipientMatch.Match;

        /// <summary>Throws unless the file is encrypted for <paramref name="key"/>.</summary>
        /// <param name="key">The Intune token's encryption public key.</param>
        /// <param name="allowUnconfirmed">Accept the file when the comparison cannot decide.</param>
        /// <exception cref="ServerTokenException">TokenRecipientMismatch, or TokenRecipientUnconfirmed unless allowed.</exception>
        public void EnsureMatchesRecipient(EncryptionPublicKey key, bool allowUnconfirmed = false)
        {
            RecipientMatch match = CheckRecipient(key, out string reason);
            if (match == RecipientMatch.Mismatch)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenRecipientMismatch, reason, ServerTokenErrors.MismatchAction, Source);
            }

            if (match == RecipientMatch.Unconfirmed && !allowUnconfirmed)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenRecipientUnconfirmed, reason, ServerTokenErrors.UnconfirmedAction, Source);
            }
        }

        /// <summary>Describes the file without any of its content.</summary>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "Server token '{0}' ({1}, {2} bytes): enveloped-data, {3}, for {4}",
            Source,
            Format,
            ByteCount,
            ContentEncryptionAlgorithm,
            Recipients.Count == 0 ? "no recipients" : string.Join(" or ", Recipients.Select(r => r.ToString())));
    }
}
