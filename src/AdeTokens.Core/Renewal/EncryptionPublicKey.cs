using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// The public key Intune hands out for an enrollment program token (Graph getEncryptionPublicKey /
    /// generateEncryptionPublicKey). The admin uploads it to the MDM server in Apple Business Manager, and Apple
    /// encrypts the server token to it. Graph does not document the string's format; the two forms accepted are the
    /// ones the reference expects (docs/renewal-formats.md), and <see cref="Format"/> says which one arrived.
    /// </summary>
    public sealed class EncryptionPublicKey
    {
        /// <summary><see cref="Format"/> for PEM certificate text (<c>-----BEGIN CERTIFICATE-----</c>), the admin center's .pem.</summary>
        public const string FormatPemCertificate = "PemCertificate";

        /// <summary><see cref="Format"/> for bare base64 of a DER certificate.</summary>
        public const string FormatBase64Der = "Base64Der";

        private const string Action = "Get the key again with Graph getEncryptionPublicKey for this enrollment program token (Intune admin center: Devices > iOS/iPadOS > Enrollment program tokens) and pass the 'value' string unchanged, without re-wrapping or editing it.";

        private EncryptionPublicKey(string format, X509Certificate2 certificate)
        {
            Format = format;
            Certificate = certificate;
            KeyAlgorithm = CmsNames.Algorithm(certificate.PublicKey.Oid);
            KeyIdentifier = ComputeKeyIdentifier(certificate.PublicKey, X509SubjectKeyIdentifierHashAlgorithm.Sha1);
            CapiKeyIdentifier = ComputeKeyIdentifier(certificate.PublicKey, X509SubjectKeyIdentifierHashAlgorithm.CapiSha1);
            SubjectKeyIdentifier = ReadSubjectKeyIdentifier(certificate);
        }

        /// <summary>Which input format was recognised: <see cref="FormatPemCertificate"/> or <see cref="FormatBase64Der"/>.</summary>
        public string Format { get; }

        /// <summary>The certificate.</summary>
        public X509Certificate2 Certificate { get; }

        /// <summary>Certificate subject.</summary>
        public string Subject => Certificate.Subject;

        /// <summary>Certificate issuer.</summary>
        public string Issuer => Certificate.Issuer;

        /// <summary>Certificate SHA-1 thumbprint (uppercase hex).</summary>
        public string Thumbprint => Certificate.Thumbprint;

        /// <summary>Certificate serial number as uppercase big-endian hex.</summary>
        public string SerialNumber => Certificate.SerialNumber;

        /// <summary>Certificate expiry (local time, as X509Certificate2 reports it).</summary>
        public DateTime NotAfter => Certificate.NotAfter;

        /// <summary>Certificate start of validity (local time).</summary>
        public DateTime NotBefore => Certificate.NotBefore;

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

        /// <summary>
        /// PEM CERTIFICATE text with 64-character lines and \n line endings: the form Apple Business Manager accepts
        /// as the MDM server's public key file.
        /// </summary>
        public string ToPem() => Base64Text.ToPem("CERTIFICATE", Certificate.RawData);

        /// <summary>Short description for logs and the console.</summary>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0} '{1}', serial {2}, thumbprint {3}, expires {4:yyyy-MM-dd}",
            Format,
            Certificate.Subject,
            Certificate.SerialNumber,
            Certificate.Thumbprint,
            Certificate.NotAfter);

        /// <summary>
        /// Parses the string Graph returns in <c>value</c>: PEM certificate text or bare base64 of a DER certificate.
        /// Line endings and surrounding whitespace do not matter.
        /// </summary>
        /// <param name="value">The key string.</param>
        /// <returns>The parsed key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        /// <exception cref="ServerTokenException">ErrorId PublicKeyUnreadable when the string is not a readable certificate.</exception>
        public static EncryptionPublicKey Parse(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            string text = value.Trim().Trim('\uFEFF').Trim();
            if (text.Length == 0)
            {
                throw Unreadable("The encryption public key is empty.");
            }

            if (text[0] == '{')
            {
                throw Unreadable("The encryption public key looks like a whole JSON response. Pass only the string in its 'value' property.");
            }

            if (text.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0)
            {
                return ParsePem(text);
            }

            Base64Text.Outcome outcome = Base64Text.TryDecode(text, out byte[] der);
            if (outcome != Base64Text.Outcome.Ok)
            {
                throw Unreadable(outcome == Base64Text.Outcome.Incomplete
                    ? "The encryption public key is neither PEM text nor complete base64: its base64 length is not a multiple of 4, so it was probably cut off."
                    : "The encryption public key is neither PEM text (no '-----BEGIN' line) nor base64.");
            }

            return new EncryptionPublicKey(FormatBase64Der, LoadCertificate(der) ?? throw Unreadable(string.Format(
                CultureInfo.InvariantCulture,
                "The encryption public key is valid base64 ({0} bytes), but the bytes are not an X.509 certificate.",
                der.Length)));
        }

        private static EncryptionPublicKey ParsePem(string text)
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

            if (label != "CERTIFICATE")
            {
                string why = label.IndexOf("PRIVATE", StringComparison.Ordinal) >= 0
                    ? " That is a private key: do not share it, and do not upload it to Apple."
                    : label.IndexOf("PUBLIC KEY", StringComparison.Ordinal) >= 0
                        ? " A bare public key is not a form Graph is known to return, and Apple Business Manager needs the certificate."
                        : string.Empty;
                throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key is a PEM '{0}' block; expected CERTIFICATE.{1}", label, why));
            }

            if (Base64Text.TryDecode(text.Substring(bodyStart, end - bodyStart), out byte[] der) != Base64Text.Outcome.Ok)
            {
                throw Unreadable(string.Format(CultureInfo.InvariantCulture, "The encryption public key PEM '{0}' block does not contain valid base64 between its BEGIN and END lines.", label));
            }

            return new EncryptionPublicKey(FormatPemCertificate, LoadCertificate(der) ?? throw Unreadable(string.Format(
                CultureInfo.InvariantCulture,
                "The encryption public key PEM CERTIFICATE block decodes to {0} bytes that are not a valid X.509 certificate.",
                der.Length)));
        }

        private static X509Certificate2? LoadCertificate(byte[] der)
        {
            try
            {
                var certificate = new X509Certificate2(der);

                // X509Certificate2(byte[]) also opens PFX and PKCS #7 blobs; only a certificate encodes to the same bytes.
                if (certificate.RawData.SequenceEqual(der))
                {
                    return certificate;
                }

                certificate.Dispose();
                return null;
            }
            catch (CryptographicException)
            {
                return null;
            }
        }

        private static string? ReadSubjectKeyIdentifier(X509Certificate2 certificate)
        {
            X509Extension? extension = certificate.Extensions["2.5.29.14"];
            try
            {
                // Rebuilt from the raw extension: not every runtime hands back the typed extension from the collection.
                return extension == null ? null : new X509SubjectKeyIdentifierExtension(extension, extension.Critical).SubjectKeyIdentifier?.ToUpperInvariant();
            }
            catch (CryptographicException)
            {
                return null;
            }
        }

        private static string ComputeKeyIdentifier(PublicKey key, X509SubjectKeyIdentifierHashAlgorithm algorithm) =>
            new X509SubjectKeyIdentifierExtension(key, algorithm, false).SubjectKeyIdentifier!.ToUpperInvariant();

        private static ServerTokenException Unreadable(string message) =>
            new ServerTokenException(ServerTokenErrorIds.PublicKeyUnreadable, message, Action);
    }
}
