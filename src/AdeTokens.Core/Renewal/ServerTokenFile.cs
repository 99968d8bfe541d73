using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// Apple's server token file (<c>&lt;MDM server&gt;_Token_&lt;timestamp&gt;_smime.p7m</c>) from Apple Business
    /// Manager. It is encrypted to Intune's key, so it cannot be decrypted here; it is checked for shape and
    /// recipient so a wrong or damaged file is caught before it replaces a working token in Intune.
    /// </summary>
    /// <remarks>
    /// The structure is read with System.Formats.Asn1 rather than EnvelopedCms, so the result is the same on
    /// .NET Framework (Windows PowerShell) and .NET (PowerShell 7) and a cut-off file can be told apart from
    /// one that is not CMS at all.
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

        private const string OidEnvelopedData = "1.2.840.113549.1.7.3";

        // Downloading again invalidates the token Intune holds, so the file already in Downloads comes first.
        private const string DownloadAgain =
            "First look in your downloads folder: Apple names the server token '<MDM server>_Token_<timestamp>_smime.p7m'. "
            + "Only if it is not there, download it again: in Apple Business Manager, " + Remediation.RenewalGuide.AbmServerPath
            + ", and select Download Token. Downloading a new token invalidates the one Intune is using right away, so upload "
            + "the new file straight away, exactly as downloaded, without opening and re-saving it.";

        private const string MismatchAction =
            "Use the token of the MDM server that holds this Intune token's public key: in Apple Business Manager, "
            + Remediation.RenewalGuide.AbmServerPath + ", and select Download Token. If the MDM server is new or Intune issued a new key "
            + "(generateEncryptionPublicKey), first upload this token's current public key (.pem from getEncryptionPublicKey) to "
            + "the MDM server in Apple Business Manager (Edit MDM Server > Upload Public Key), then download the token again.";

        private const string UnconfirmedAction =
            "Get the Intune public key as a certificate (Graph getEncryptionPublicKey) to confirm the match, or, if you are sure "
            + "the file belongs to this Intune token, continue without the recipient check.";

        private static readonly Asn1Tag Context0 = new Asn1Tag(TagClass.ContextSpecific, 0);
        private static readonly Asn1Tag Context1 = new Asn1Tag(TagClass.ContextSpecific, 1);

        private readonly string _textForUpload;

        private ServerTokenFile(string source, string format, long byteCount, string? mimeContentType, string textForUpload, IReadOnlyList<ServerTokenRecipient> recipients, string contentEncryptionAlgorithmOid, int encryptedContentLength)
        {
            Source = source;
            Format = format;
            ByteCount = byteCount;
            MimeContentType = mimeContentType;
            _textForUpload = textForUpload;
            Recipients = recipients;
            ContentEncryptionAlgorithmOid = contentEncryptionAlgorithmOid;
            ContentEncryptionAlgorithm = RenewalEncoding.AlgorithmName(contentEncryptionAlgorithmOid);
            EncryptedContentLength = encryptedContentLength;
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

        /// <summary>Length in bytes of the encrypted content (0 when it is detached).</summary>
        public int EncryptedContentLength { get; }

        /// <summary>
        /// The text to send as <c>depToken</c> in Graph uploadDepToken: the file's text as-is without a UTF-8 byte
        /// order mark, or base64 for a DER file. Never part of <see cref="ToString"/>; keep it out of logs.
        /// </summary>
        public string TextForUpload => _textForUpload;

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

            if (path.Trim().Length == 0)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, "No server token file path was given.", NotFoundAction, path);
            }

            string fullPath;
            try
            {
                fullPath = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, string.Format(CultureInfo.InvariantCulture, "The server token path '{0}' is not a valid file path.", path), NotFoundAction, path, ex);
            }

            // The id stays TokenFileNotFound (scripts match on it); the wording is the shared one.
            if (Io.FolderPath.Check(fullPath, "server token path") is Io.PathIsFolderException isFolder)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, isFolder.Message, NotFoundAction, fullPath);
            }

            byte[] content;
            try
            {
                using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    long length = stream.Length;
                    if (length > maxBytes)
                    {
                        throw TooLarge(fullPath, length, maxBytes);
                    }

                    // Read one byte past the limit so a file that grows while being read is still caught.
                    var buffer = new MemoryStream();
                    var chunk = new byte[8192];
                    int read;
                    while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                    {
                        buffer.Write(chunk, 0, read);
                        if (buffer.Length > maxBytes)
                        {
                            throw TooLarge(fullPath, buffer.Length, maxBytes);
                        }
                    }

                    content = buffer.ToArray();
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                string folder = Path.GetDirectoryName(fullPath) ?? string.Empty;
                string message = folder.Length > 0 && !Directory.Exists(folder)
                    ? string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' does not exist: its folder '{1}' does not exist.", fullPath, folder)
                    : string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' does not exist.", fullPath);
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, message, NotFoundAction, fullPath, ex);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || (ex is IOException && !(ex is FileNotFoundException)))
            {
                throw new ServerTokenException(
                    ServerTokenErrorIds.TokenFileUnreadable,
                    string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' could not be read: {1}", fullPath, ex.Message),
                    "Check that you can read the file (permissions, not locked by another program, download finished), or copy it to a local folder and try again.",
                    fullPath,
                    ex);
            }

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

            string name = Describe(source);
            int offset = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
            if (content.Length - offset == 0)
            {
                throw new ServerTokenException(
                    ServerTokenErrorIds.TokenFileEmpty,
                    string.Format(CultureInfo.InvariantCulture, "{0} is empty (0 bytes{1}).", name, offset > 0 ? " after a byte order mark" : string.Empty),
                    "The download probably failed. " + DownloadAgain,
                    source);
            }

            bool hasControl = false;
            bool hasHigh = false;
            for (int i = offset; i < content.Length; i++)
            {
                byte b = content[i];
                if (b >= 0x80)
                {
                    hasHigh = true;
                }
                else if ((b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F)
                {
                    hasControl = true;
                }
            }

            if (content[offset] == 0x30 && (hasControl || hasHigh))
            {
                byte[] der = new byte[content.Length - offset];
                Buffer.BlockCopy(content, offset, der, 0, der.Length);
                return FromCms(der, source, FormatDer, content.Length, null, Convert.ToBase64String(der), base64Incomplete: false);
            }

            if (hasControl)
            {
                bool utf16 = content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF));
                throw NotSmime(
                    source,
                    utf16
                        ? string.Format(CultureInfo.InvariantCulture, "{0} is UTF-16 text; Apple's server token is ASCII. It was probably opened and re-saved by an editor.", name)
                        : string.Format(CultureInfo.InvariantCulture, "{0} is a binary file that is not a DER CMS structure, so it is not an S/MIME server token.", name));
            }

            string text = new UTF8Encoding(false, false).GetString(content, offset, content.Length - offset);
            if (text.Trim().Length == 0)
            {
                throw new ServerTokenException(
                    ServerTokenErrorIds.TokenFileEmpty,
                    string.Format(CultureInfo.InvariantCulture, "{0} contains only whitespace ({1} bytes).", name, content.Length),
                    "The download probably failed. " + DownloadAgain,
                    source);
            }

            SplitMime(text, out bool hasHeaders, out string? contentType, out string body);
            string format = hasHeaders ? FormatSmime : FormatBase64;
            string headerNote = hasHeaders
                ? string.Format(CultureInfo.InvariantCulture, "The file has MIME headers (Content-Type: {0}).", contentType ?? "none")
                : "The file has no MIME headers.";

            if (hasHeaders && body.Trim().Length == 0)
            {
                throw Truncated(source, string.Format(CultureInfo.InvariantCulture, "{0} ends after its MIME headers: the base64 body is missing, so the file was cut off.", name));
            }

            string trimmedBody = body.TrimStart();
            int pem = trimmedBody.IndexOf("-----BEGIN ", StringComparison.Ordinal);
            if (pem >= 0)
            {
                int labelStart = pem + "-----BEGIN ".Length;
                int labelEnd = trimmedBody.IndexOf("-----", labelStart, StringComparison.Ordinal);
                string label = labelEnd > labelStart ? trimmedBody.Substring(labelStart, Math.Min(labelEnd - labelStart, 40)).Trim() : "?";
                string what = label.EndsWith("CERTIFICATE", StringComparison.Ordinal)
                    ? "a PEM certificate (perhaps the Intune public key .pem, which goes to Apple, not back to Intune)"
                    : string.Format(CultureInfo.InvariantCulture, "a PEM '{0}' block", label);
                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is {1}, not Apple's S/MIME server token. {2}", name, what, headerNote));
            }

            if (trimmedBody.StartsWith("{", StringComparison.Ordinal))
            {
                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is JSON, not Apple's S/MIME server token. Intune needs the encrypted .p7m as downloaded, not decrypted token data.", name));
            }

            // Words separated by spaces: a note or a log, not base64 (whose lines never hold a space). Said plainly,
            // rather than "the base64 content is not a CMS" for a file that was never base64.
            if (LooksLikeProse(body))
            {
                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is a plain text file (its lines have words separated by spaces), not Apple's S/MIME server token, which is base64 text. {1}", name, headerNote));
            }

            RenewalEncoding.Base64Outcome outcome = RenewalEncoding.TryDecodeBase64(body, out byte[] cms);
            if (outcome == RenewalEncoding.Base64Outcome.InvalidCharacter)
            {
                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is text but not an S/MIME server token: {1} is not base64. {2}", name, hasHeaders ? "the body after its MIME headers" : "the content", headerNote));
            }

            if (outcome == RenewalEncoding.Base64Outcome.Empty || cms.Length == 0)
            {
                throw Truncated(source, string.Format(CultureInfo.InvariantCulture, "{0} has almost no base64 content, so it was cut off.", name));
            }

            return FromCms(cms, source, format, content.Length, contentType, text, outcome == RenewalEncoding.Base64Outcome.Incomplete, headerNote);
        }

        /// <summary>Compares the file's recipients with the Intune token's public key.</summary>
        /// <param name="key">The Intune token's encryption public key.</param>
        /// <param name="reason">Why it matches or not, naming the issuer/serial or key identifiers involved.</param>
        /// <returns>Match, Mismatch, or Unconfirmed when the available information cannot decide.</returns>
        public RecipientMatch CheckRecipient(EncryptionPublicKey key, out string reason)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            var unconfirmed = new List<string>();
            foreach (ServerTokenRecipient recipient in Recipients)
            {
                if (recipient.IdentifierType == ServerTokenRecipient.IdentifierIssuerAndSerialNumber)
                {
                    if (key.Certificate == null)
                    {
                        unconfirmed.Add(string.Format(
                            CultureInfo.InvariantCulture,
                            "The token file is encrypted for {0}, but only a bare public key (no certificate) is known for this Intune token, so issuer and serial cannot be compared and the match cannot be confirmed.",
                            recipient));
                        continue;
                    }

                    if (recipient.IssuerEquals(key.Certificate.IssuerName) && recipient.SerialNumberEquals(key.Certificate.SerialNumber))
                    {
                        reason = string.Format(
                            CultureInfo.InvariantCulture,
                            "The token file is encrypted for {0}, which is this Intune token's public key certificate '{1}' (thumbprint {2}).",
                            recipient,
                            key.Certificate.Subject,
                            key.Certificate.Thumbprint);
                        return RecipientMatch.Match;
                    }
                }
                else if (recipient.IdentifierType == ServerTokenRecipient.IdentifierSubjectKeyIdentifier)
                {
                    string? how = null;
                    if (key.SubjectKeyIdentifier != null && SameHex(recipient.SubjectKeyIdentifier, key.SubjectKeyIdentifier))
                    {
                        how = "the certificate's Subject Key Identifier extension";
                    }
                    else if (SameHex(recipient.SubjectKeyIdentifier, key.KeyIdentifier))
                    {
                        how = "the SHA-1 of the public key (RFC 5280 method 1)";
                    }
                    else if (SameHex(recipient.SubjectKeyIdentifier, key.CapiKeyIdentifier))
                    {
                        how = "the SHA-1 of the SubjectPublicKeyInfo (the Windows/.NET form)";
                    }

                    if (how != null)
                    {
                        reason = string.Format(CultureInfo.InvariantCulture, "The token file is encrypted for {0}, which matches {1} of this Intune token's public key.", recipient, how);
                        return RecipientMatch.Match;
                    }

                    if (key.Certificate == null)
                    {
                        unconfirmed.Add(string.Format(
                            CultureInfo.InvariantCulture,
                            "The token file is encrypted for {0}; this bare public key's computed identifiers are {1} (RFC 5280 method 1) and {2} (SHA-1 of the SubjectPublicKeyInfo). They differ, but the certificate Apple was given may carry another Subject Key Identifier, so without it the match cannot be confirmed.",
                            recipient,
                            key.KeyIdentifier,
                            key.CapiKeyIdentifier));
                    }
                }
                else
                {
                    unconfirmed.Add(string.Format(CultureInfo.InvariantCulture, "The token file has {0}, which cannot be compared with a public key.", recipient));
                }
            }

            if (unconfirmed.Count > 0 && unconfirmed.Count == Recipients.Count)
            {
                reason = string.Join(" ", unconfirmed);
                return RecipientMatch.Unconfirmed;
            }

            reason = string.Format(
                CultureInfo.InvariantCulture,
                "The token file is encrypted for {0}, but this Intune token's public key is {1}. The file was downloaded for another MDM server, key or tenant, or the MDM server in Apple Business Manager holds a different public key than this Intune token.",
                string.Join(" or ", Recipients.Select(r => r.ToString())),
                DescribeKey(key));
            return RecipientMatch.Mismatch;
        }

        /// <summary>True when some recipient is this key's certificate (issuer and serial) or key identifier.</summary>
        /// <param name="key">The Intune token's encryption public key.</param>
        /// <param name="reason">Why it matches or not; safe to show, it names certificates, not content.</param>
        /// <returns>Whether a match was confirmed. An unconfirmable comparison returns false.</returns>
        public bool MatchesRecipient(EncryptionPublicKey key, out string reason) =>
            CheckRecipient(key, out reason) == RecipientMatch.Match;

        /// <summary>Throws unless the file is encrypted for <paramref name="key"/>.</summary>
        /// <param name="key">The Intune token's encryption public key.</param>
        /// <param name="allowUnconfirmed">Accept the file when the comparison cannot decide (bare public key).</param>
        /// <exception cref="ServerTokenException">TokenRecipientMismatch, or TokenRecipientUnconfirmed unless allowed.</exception>
        public void EnsureMatchesRecipient(EncryptionPublicKey key, bool allowUnconfirmed = false)
        {
            RecipientMatch match = CheckRecipient(key, out string reason);
            if (match == RecipientMatch.Mismatch)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenRecipientMismatch, reason, MismatchAction, Source);
            }

            if (match == RecipientMatch.Unconfirmed && !allowUnconfirmed)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenRecipientUnconfirmed, reason, UnconfirmedAction, Source);
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

        private static bool LooksLikeProse(string body)
        {
            foreach (var raw in body.Split('\n'))
            {
                var line = raw.Trim();
                if (line.IndexOf(' ') > 0 || line.IndexOf('\t') > 0) return true;
            }
            return false;
        }

        private static string NotFoundAction =>
            "Check the path; browsers usually save the server token to Downloads. " + DownloadAgain;

        private static ServerTokenFile FromCms(byte[] cms, string source, string format, long byteCount, string? contentType, string textForUpload, bool base64Incomplete, string? headerNote = null)
        {
            string name = Describe(source);
            string what = format == FormatDer ? name : "The base64 content of " + char.ToLowerInvariant(name[0]) + name.Substring(1);
            string note = headerNote == null ? string.Empty : " " + headerNote;
            if (cms[0] != 0x30)
            {
                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is not a CMS (PKCS #7) structure: it does not start with an ASN.1 SEQUENCE.{1}", what, note));
            }

            if (!RenewalEncoding.TryPeekContentType(cms, out string? oid, out bool endsEarly) || oid == null)
            {
                if (endsEarly)
                {
                    throw Truncated(source, string.Format(CultureInfo.InvariantCulture, "{0} ends before the CMS content type ({1} bytes decoded), so the file was cut off.", what, cms.Length));
                }

                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is not a CMS (PKCS #7) structure: it does not start with a content type.{1}", what, note));
            }

            if (!RenewalEncoding.IsCmsContentType(oid))
            {
                throw NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is ASN.1 but not a CMS (PKCS #7) message: its first object identifier is {1}.{2}", what, oid, note));
            }

            if (oid != OidEnvelopedData)
            {
                string hint = oid == "1.2.840.113549.1.7.2"
                    ? " A signed message (such as a signed profile or e-mail) is not the server token."
                    : string.Empty;
                throw new ServerTokenException(
                    ServerTokenErrorIds.TokenFileNotEnvelopedData,
                    string.Format(CultureInfo.InvariantCulture, "{0} is a CMS {1} message, but Apple's server token is encrypted enveloped-data.{2}", name, RenewalEncoding.ContentTypeName(oid), hint),
                    "Pass the encrypted server token (.p7m) from Apple Business Manager. " + DownloadAgain,
                    source);
            }

            RenewalEncoding.TlvOutcome walk = RenewalEncoding.WalkBer(cms, out int end);
            if (walk == RenewalEncoding.TlvOutcome.EndsEarly)
            {
                throw Truncated(source, string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} starts as CMS enveloped-data but ends before the structure is complete ({1} bytes decoded{2}), so the file was cut off.",
                    what,
                    cms.Length,
                    base64Incomplete ? "; the base64 also stops mid-group" : string.Empty));
            }

            if (walk == RenewalEncoding.TlvOutcome.Malformed)
            {
                throw Damaged(source, what, "its ASN.1 lengths become inconsistent part way through");
            }

            if (end < cms.Length || base64Incomplete)
            {
                throw Damaged(source, what, "it has extra data after the end of the CMS structure");
            }

            List<ServerTokenRecipient> recipients;
            string algorithmOid;
            int encryptedLength;
            try
            {
                ReadEnvelopedData(cms, out recipients, out algorithmOid, out encryptedLength);
            }
            catch (Exception ex) when (ex is AsnContentException || ex is CryptographicException || ex is OverflowException)
            {
                throw Damaged(source, what, "a field inside the enveloped-data has the wrong type or value");
            }

            if (recipients.Count == 0)
            {
                throw Damaged(source, what, "the enveloped-data lists no recipients");
            }

            return new ServerTokenFile(source, format, byteCount, contentType, textForUpload, recipients, algorithmOid, encryptedLength);
        }

        private static void ReadEnvelopedData(byte[] cms, out List<ServerTokenRecipient> recipients, out string algorithmOid, out int encryptedLength)
        {
            var reader = new AsnReader(cms, AsnEncodingRules.BER);
            AsnReader contentInfo = reader.ReadSequence();
            contentInfo.ReadObjectIdentifier();
            AsnReader explicitContent = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            AsnReader env = explicitContent.ReadSequence();
            if (!env.TryReadInt32(out _))
            {
                throw new AsnContentException();
            }

            if (env.PeekTag().HasSameClassAndValue(Context0))
            {
                env.ReadEncodedValue(); // originatorInfo
            }

            recipients = new List<ServerTokenRecipient>();
            AsnReader set = env.ReadSetOf(skipSortOrderValidation: true);
            while (set.HasData)
            {
                ReadRecipient(set, recipients);
            }

            AsnReader eci = env.ReadSequence();
            eci.ReadObjectIdentifier();
            AsnReader alg = eci.ReadSequence();
            algorithmOid = alg.ReadObjectIdentifier();
            encryptedLength = 0;
            if (eci.HasData)
            {
                encryptedLength = eci.ReadOctetString(Context0).Length;
            }

            if (eci.HasData)
            {
                throw new AsnContentException();
            }

            if (env.HasData && env.PeekTag().HasSameClassAndValue(Context1))
            {
                env.ReadEncodedValue(); // unprotectedAttrs
            }

            if (env.HasData || explicitContent.HasData || contentInfo.HasData || reader.HasData)
            {
                throw new AsnContentException();
            }
        }

        private static void ReadRecipient(AsnReader set, List<ServerTokenRecipient> recipients)
        {
            Asn1Tag tag = set.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                AsnReader ktri = set.ReadSequence();
                ktri.TryReadInt32(out _);
                ServerTokenRecipient id = ReadIdentifier(ktri, ServerTokenRecipient.KindKeyTransport, keyAgreement: false, algorithm: null);
                string algorithm = RenewalEncoding.AlgorithmName(ktri.ReadSequence().ReadObjectIdentifier());
                ktri.ReadOctetString();
                if (ktri.HasData)
                {
                    throw new AsnContentException();
                }

                recipients.Add(id.WithKeyEncryptionAlgorithm(algorithm));
                return;
            }

            if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
            {
                AsnReader kari = set.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true));
                kari.TryReadInt32(out _);
                kari.ReadEncodedValue(); // originator [0]
                if (kari.PeekTag().HasSameClassAndValue(Context1))
                {
                    kari.ReadEncodedValue(); // ukm [1]
                }

                string algorithm = RenewalEncoding.AlgorithmName(kari.ReadSequence().ReadObjectIdentifier());
                AsnReader keys = kari.ReadSequence();
                while (keys.HasData)
                {
                    AsnReader rek = keys.ReadSequence();
                    ServerTokenRecipient id = ReadIdentifier(rek, ServerTokenRecipient.KindKeyAgreement, keyAgreement: true, algorithm);
                    rek.ReadOctetString();
                    recipients.Add(id);
                }

                return;
            }

            set.ReadEncodedValue();
            string kind = tag.TagClass != TagClass.ContextSpecific ? ServerTokenRecipient.KindOther
                : tag.TagValue == 2 ? ServerTokenRecipient.KindKek
                : tag.TagValue == 3 ? ServerTokenRecipient.KindPassword
                : ServerTokenRecipient.KindOther;
            recipients.Add(new ServerTokenRecipient(kind, ServerTokenRecipient.IdentifierNone, null, null, null, null, null));
        }

        private static ServerTokenRecipient ReadIdentifier(AsnReader reader, string kind, bool keyAgreement, string? algorithm)
        {
            Asn1Tag tag = reader.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                AsnReader ias = reader.ReadSequence();
                byte[] issuerRaw = RenewalEncoding.ToDefiniteLengths(ias.ReadEncodedValue().ToArray());
                byte[] serial = ias.ReadIntegerBytes().ToArray();
                if (ias.HasData)
                {
                    throw new AsnContentException();
                }

                string issuer = new X500DistinguishedName(issuerRaw).Name;
                return new ServerTokenRecipient(kind, ServerTokenRecipient.IdentifierIssuerAndSerialNumber, issuerRaw, issuer, RenewalEncoding.ToHex(serial), null, algorithm);
            }

            if (tag.HasSameClassAndValue(Context0))
            {
                byte[] ski;
                if (keyAgreement)
                {
                    // RecipientKeyIdentifier ::= SEQUENCE { subjectKeyIdentifier, date OPTIONAL, other OPTIONAL }
                    AsnReader rki = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                    ski = rki.ReadOctetString();
                }
                else
                {
                    ski = reader.ReadOctetString(Context0);
                }

                return new ServerTokenRecipient(kind, ServerTokenRecipient.IdentifierSubjectKeyIdentifier, null, null, null, RenewalEncoding.ToHex(ski), algorithm);
            }

            throw new AsnContentException();
        }

        private static void SplitMime(string text, out bool hasHeaders, out string? contentType, out string body)
        {
            hasHeaders = false;
            contentType = null;
            body = text;

            string[] lines = text.Split('\n');
            int first = 0;
            while (first < lines.Length && lines[first].Trim().Length == 0)
            {
                first++;
            }

            if (first >= lines.Length || !IsHeaderLine(lines[first]))
            {
                return;
            }

            hasHeaders = true;
            string? lastName = null;
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int i = first;
            for (; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0)
                {
                    i++;
                    break;
                }

                if ((line[0] == ' ' || line[0] == '\t') && lastName != null)
                {
                    values[lastName] = values[lastName] + " " + line.Trim();
                    continue;
                }

                if (!IsHeaderLine(line))
                {
                    // Headers not followed by a blank line: be lenient and treat the rest as the body.
                    break;
                }

                int colon = line.IndexOf(':');
                lastName = line.Substring(0, colon).Trim();
                values[lastName] = line.Substring(colon + 1).Trim();
            }

            if (values.TryGetValue("Content-Type", out string? type))
            {
                contentType = type;
            }

            body = i < lines.Length ? string.Join("\n", lines, i, lines.Length - i) : string.Empty;
        }

        private static bool IsHeaderLine(string line)
        {
            int colon = line.IndexOf(':');
            if (colon <= 0 || !char.IsLetter(line[0]))
            {
                return false;
            }

            for (int i = 0; i < colon; i++)
            {
                char c = line[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameHex(string? a, string? b) =>
            a != null && b != null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static string DescribeKey(EncryptionPublicKey key)
        {
            if (key.Certificate == null)
            {
                return string.Format(CultureInfo.InvariantCulture, "a bare public key with key identifier {0}", key.KeyIdentifier);
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "certificate '{0}' from issuer '{1}', serial {2}, subject key identifier {3}",
                key.Certificate.Subject,
                key.Certificate.Issuer,
                key.Certificate.SerialNumber,
                key.SubjectKeyIdentifier ?? key.KeyIdentifier + " (computed)");
        }

        private static string Describe(string source) =>
            source.Length == 0 ? "The server token" : string.Format(CultureInfo.InvariantCulture, "The server token '{0}'", source);

        private static ServerTokenException TooLarge(string path, long size, long limit) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileTooLarge,
            string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' is {1:N0} bytes, over the {2:N0}-byte limit; Apple's server tokens are a few kilobytes.", path, size, limit),
            "Check that you picked the server token (.p7m, a few kilobytes) and not another file. If it really is the token, raise the size limit.",
            path);

        private static ServerTokenException NotSmime(string source, string message) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileNotSmime,
            message,
            "Pass the server token (.p7m) that Apple Business Manager produced, as downloaded; the Intune public key (.pem) and decrypted token data are not accepted. " + DownloadAgain,
            source);

        private static ServerTokenException Truncated(string source, string message) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileTruncated,
            message,
            "The file was cut off in download or copy. " + DownloadAgain,
            source);

        private static ServerTokenException Damaged(string source, string what, string detail) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileTruncated,
            string.Format(CultureInfo.InvariantCulture, "{0} starts as CMS enveloped-data but is damaged: {1}. The file was changed or corrupted after download.", what, detail),
            "The file was altered after download (for example by an editor or a mail gateway). " + DownloadAgain,
            source);
    }
}
