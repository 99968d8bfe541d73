using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// The public key Intune hands out for an enrollment program token (Graph getEncryptionPublicKey /
    /// generateEncryptionPublicKey). The admin uploads it to the MDM server in Apple Business Manager, and Apple
    /// encrypts the server token to it. The format of Graph's string is undocumented, so several are accepted
    /// and <see cref="Format"/> says which one arrived.
    /// </summary>
    public sealed class EncryptionPublicKey
    {
        /// <summary><see cref="Format"/> for PEM certificate text (<c>-----BEGIN CERTIFICATE-----</c>).</summary>
        public const string FormatPemCertificate = "PemCertificate";

        /// <summary><see cref="Format"/> for bare base64 of a DER certificate.</summary>
        public const string FormatBase64Der = "Base64Der";

        /// <summary><see cref="Format"/> for PEM SubjectPublicKeyInfo (<c>-----BEGIN PUBLIC KEY-----</c>); there is no certificate.</summary>
        public const string FormatPemPublicKey = "PemPublicKey";

        /// <summary><see cref="Format"/> for PEM PKCS #1 RSA key (<c>-----BEGIN RSA PUBLIC KEY-----</c>); there is no certificate.</summary>
        public const string FormatPemRsaPublicKey = "PemRsaPublicKey";

        /// <summary><see cref="Format"/> for bare base64 of a DER SubjectPublicKeyInfo; there is no certificate.</summary>
        public const string FormatBase64PublicKeyDer = "Base64PublicKeyDer";

        /// <summary><see cref="Format"/> prefix used when the base64 decodes to PEM text, e.g. "Base64PemCertificate".</summary>
        public const string FormatBase64PemPrefix = "Base64";

        private const string Action = "Get the key again with Graph getEncryptionPublicKey for this enrollment program token (Intune admin center: Devices > iOS/iPadOS > Enrollment program tokens) and pass the 'value' string unchanged, without re-wrapping or editing it.";

        private readonly byte[] _spki;
        private readonly byte[] _keyBits;

        private EncryptionPublicKey(string format, X509Certificate2? certificate, RenewalEncoding.SpkiInfo spki)
        {
            Format = format;
            Certificate = certificate;
            _spki = spki.Encoded;
            _keyBits = spki.KeyBits;
            KeyAlgorithm = RenewalEncoding.AlgorithmName(spki.AlgorithmOid);
            KeyIdentifier = RenewalEncoding.ToHex(RenewalEncoding.Sha1(spki.KeyBits));
            CapiKeyIdentifier = RenewalEncoding.ToHex(RenewalEncoding.Sha1(spki.Encoded));

            if (certificate != null)
            {
                X509Extension? ext = certificate.Extensions["2.5.29.14"];
                if (ext != null)
                {
                    try
                    {
                        SubjectKeyIdentifier = new X509SubjectKeyIdentifierExtension(ext, ext.Critical).SubjectKeyIdentifier?.ToUpperInvariant();
                    }
                    catch (CryptographicException)
                    {
                        SubjectKeyIdentifier = null;
                    }
                }
            }
        }

        /// <summary>Which input format was recognised: one of the <c>Format*</c> constants, or "Base64" + a PEM format.</summary>
        public string Format { get; }

        /// <summary>The certificate, or null when only a bare public key was given.</summary>
        public X509Certificate2? Certificate { get; }

        /// <summary>True when <see cref="Certificate"/> is available, so issuer-and-serial recipients can be checked.</summary>
        public bool HasCertificate => Certificate != null;

        /// <summary>Certificate subject, or null for a bare public key.</summary>
        public string? Subject => Certificate?.Subject;

        /// <summary>Certificate issuer, or null for a bare public key.</summary>
        public string? Issuer => Certificate?.Issuer;

        /// <summary>Certificate SHA-1 thumbprint (uppercase hex), or null for a bare public key.</summary>
        public string? Thumbprint => Certificate?.Thumbprint;

        /// <summary>Certificate serial number as uppercase big-endian hex, or null for a bare public key.</summary>
        public string? SerialNumber => Certificate?.SerialNumber;

        /// <summary>Certificate expiry (local time, as X509Certificate2 reports it), or null for a bare public key.</summary>
        public DateTime? NotAfter => Certificate?.NotAfter;

        /// <summary>Certificate start of validity, or null for a bare public key.</summary>
        public DateTime? NotBefore => Certificate?.NotBefore;

        /// <summary>Public key algorithm, e.g. "RSA".</summary>
        public string KeyAlgorithm { get; }

        /// <summary>The certificate's Subject Key Identifier extension (uppercase hex), or null when it has none.</summary>
        public string? SubjectKeyIdentifier { get; }

        /// <summary>SHA-1 of the public key bits (RFC 5280 section 4.2.1.2 method 1), uppercase hex.</summary>
        public string KeyIdentifier { get; }

        /// <summary>
        /// SHA-1 of the whole encoded SubjectPublicKeyInfo, uppercase hex. Windows CAPI and .NET use this form
        /// when a certificate has no SKI extension, so a token encrypted by such software carries it.
        /// </summary>
        public string CapiKeyIdentifier { get; }

        /// <summary>Returns a copy of the DER SubjectPublicKeyInfo, for comparing keys.</summary>
        public byte[] GetSubjectPublicKeyInfo() => (byte[])_spki.Clone();

        /// <summary>Returns a copy of the public key bits (the SubjectPublicKeyInfo BIT STRING content).</summary>
        public byte[] GetPublicKeyBits() => (byte[])_keyBits.Clone();

        /// <summary>
        /// PEM text with 64-character lines and \n line endings: a CERTIFICATE when there is one, otherwise a
        /// PUBLIC KEY. This is the form Apple Business Manager accepts as the MDM server's public key file.
        /// </summary>
        public string ToPem() => Certificate != null
            ? RenewalEncoding.ToPem("CERTIFICATE", Certificate.RawData)
            : RenewalEncoding.ToPem("PUBLIC KEY", _spki);

        /// <summary>Short description for logs and the console.</summary>
        public override string ToString()
        {
            if (Certificate == null)
            {
                return string.Format(CultureInfo.InvariantCulture, "{0} {1} public key, key id {2}", Format, KeyAlgorithm, KeyIdentifier);
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} '{1}', serial {2}, thumbprint {3}, expires {4:yyyy-MM-dd}",
                Format,
                Certificate.Subject,
                Certificate.SerialNumber,
                Certificate.Thumbprint,
                Certificate.NotAfter);
        }

        /// <summary>
        /// Parses the string Graph returns in <c>value</c>: PEM certificate, bare base64 DER certificate,
        /// PEM PUBLIC KEY or RSA PUBLIC KEY, or base64 of any of those PEM texts. Line endings and surrounding
        /// whitespace do not matter, and JSON-escaped "\n" sequences are tolerated.
        /// </summary>
        /// <param name="value">The key string.</param>
        /// <returns>The parsed key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        /// <exception cref="ServerTokenException">ErrorId PublicKeyUnreadable when the string is not a readable key.</exception>
        public static EncryptionPublicKey Parse(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            return Parse(value, prefix: string.Empty, nested: false);
        }

        private static EncryptionPublicKey Parse(string value, string prefix, bool nested)
        {
            string text = value.Trim().Trim('\uFEFF').Trim();
            if (text.Length == 0)
            {
                throw Unreadable("The encryption public key is empty.");
            }

            if (text[0] == '{')
            {
                throw Unreadable("The encryption public key looks like a whole JSON response. Pass only the string in its 'value' property.");
            }

            int begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
            if (begin >= 0)
            {
                // A value copied out of raw JSON keeps its escapes; base64 never contains a backslash, so undoing them is safe.
                text = text.Replace("\\r", "\r").Replace("\\n", "\n").Replace("\\/", "/");
                return ParsePem(text, prefix);
            }

            RenewalEncoding.Base64Outcome outcome = RenewalEncoding.TryDecodeBase64(text, out byte[] der);
            if (outcome != RenewalEncoding.Base64Outcome.Ok)
            {
                throw Unreadable(outcome == RenewalEncoding.Base64Outcome.Incomplete
                    ? "The encryption public key is neither PEM text nor complete base64: its base64 length is not a multiple of 4, so it was probably cut off."
                    : "The encryption public key is neither PEM text (no '-----BEGIN' line) nor base64.");
            }

            if (!nested && LooksLikePemText(der))
            {
                string inner = Encoding.ASCII.GetString(der);
                return Parse(inner, FormatBase64PemPrefix, nested: true);
            }

            X509Certificate2? cert = TryCreateCertificate(der, out RenewalEncoding.SpkiInfo? certSpki);
            if (cert != null && certSpki != null)
            {
                return new EncryptionPublicKey(FormatBase64Der, cert, certSpki);
            }

            RenewalEncoding.SpkiInfo? spki = RenewalEncoding.TryParseSpki(der);
            if (spki != null)
            {
                return new EncryptionPublicKey(FormatBase64PublicKeyDer, null, spki);
            }

            throw Unreadable(string.Format(
                CultureInfo.InvariantCulture,
                "The encryption public key is valid base64 ({0} bytes), but the bytes are neither an X.509 certificate nor a SubjectPublicKeyInfo public key.",
                der.Length));
        }

        private static EncryptionPublicKey ParsePem(string text, string prefix)
        {
            int begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
            int labelStart = begin + "-----BEGIN ".Length;
            int labelEnd = text.IndexOf("-----", labelStart, StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                throw Unreadable("The encryption public key has a '-----BEGIN' marker that is not closed with '-----'.");
            }

            string label = text.Substring(labelStart, labelEnd - labelStart).Trim();
            string endMarker = "-----END " + label + "-----";
            int bodyStart = labelEnd + 5;
            int end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key PEM block '{0}' has no '{1}' line, so it was probably cut off.", label, endMarker));
            }

            bool isCert = label == "CERTIFICATE" || label == "X509 CERTIFICATE";
            bool isSpki = label == "PUBLIC KEY";
            bool isRsa = label == "RSA PUBLIC KEY";
            if (!isCert && !isSpki && !isRsa)
            {
                string why = label.IndexOf("PRIVATE", StringComparison.Ordinal) >= 0
                    ? " That is a private key: do not share it, and do not upload it to Apple."
                    : string.Empty;
                throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key is a PEM '{0}' block; expected CERTIFICATE or PUBLIC KEY.{1}", label, why));
            }

            string body = text.Substring(bodyStart, end - bodyStart);
            if (RenewalEncoding.TryDecodeBase64(body, out byte[] der) != RenewalEncoding.Base64Outcome.Ok)
            {
                throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key PEM '{0}' block does not contain valid base64 between its BEGIN and END lines.", label));
            }

            if (isCert)
            {
                X509Certificate2? cert = TryCreateCertificate(der, out RenewalEncoding.SpkiInfo? spki);
                if (cert == null || spki == null)
                {
                    throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key PEM CERTIFICATE block decodes to {0} bytes that are not a valid X.509 certificate.", der.Length));
                }

                return new EncryptionPublicKey(prefix + FormatPemCertificate, cert, spki);
            }

            byte[] spkiDer = isRsa ? RenewalEncoding.WrapRsaPublicKey(der) : der;
            RenewalEncoding.SpkiInfo? info = RenewalEncoding.TryParseSpki(spkiDer);
            if (info == null)
            {
                throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key PEM '{0}' block decodes to {1} bytes that are not a valid public key structure.", label, der.Length));
            }

            return new EncryptionPublicKey(prefix + (isRsa ? FormatPemRsaPublicKey : FormatPemPublicKey), null, info);
        }

        private static bool LooksLikePemText(byte[] bytes)
        {
            string start = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64)).TrimStart();
            return start.StartsWith("-----BEGIN ", StringComparison.Ordinal);
        }

        private static X509Certificate2? TryCreateCertificate(byte[] der, out RenewalEncoding.SpkiInfo? spki)
        {
            // Checking the ASN.1 shape first matters: X509Certificate2(byte[]) also accepts PFX and PKCS #7 blobs.
            spki = RenewalEncoding.TryParseCertificateSpki(der);
            if (spki == null)
            {
                return null;
            }

            try
            {
                return new X509Certificate2(der);
            }
            catch (CryptographicException)
            {
                spki = null;
                return null;
            }
        }

        private static ServerTokenException Unreadable(string message) =>
            new ServerTokenException(ServerTokenErrorIds.PublicKeyUnreadable, message, Action);
    }
}
