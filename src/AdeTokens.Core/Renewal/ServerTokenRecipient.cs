using System;
using System.Globalization;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace AdeTokens.Renewal
{
    /// <summary>One recipient of a server token's CMS enveloped data: who Apple encrypted the token for.</summary>
    public sealed class ServerTokenRecipient
    {
        /// <summary><see cref="Kind"/> for key transport (RSA), which is what Apple uses.</summary>
        public const string KindKeyTransport = "KeyTransport";

        /// <summary><see cref="Kind"/> for key agreement (e.g. ECDH).</summary>
        public const string KindKeyAgreement = "KeyAgreement";

        /// <summary><see cref="Kind"/> for a pre-shared key-encryption key. EnvelopedCms does not read these, so such a file is refused as damaged.</summary>
        public const string KindKek = "Kek";

        /// <summary><see cref="Kind"/> for a password. EnvelopedCms does not read these, so such a file is refused as damaged.</summary>
        public const string KindPassword = "Password";

        /// <summary><see cref="Kind"/> for any other recipient type.</summary>
        public const string KindOther = "Other";

        /// <summary><see cref="IdentifierType"/> when the recipient is named by certificate issuer and serial number.</summary>
        public const string IdentifierIssuerAndSerialNumber = "IssuerAndSerialNumber";

        /// <summary><see cref="IdentifierType"/> when the recipient is named by subject key identifier.</summary>
        public const string IdentifierSubjectKeyIdentifier = "SubjectKeyIdentifier";

        /// <summary><see cref="IdentifierType"/> when the recipient type carries no certificate identifier.</summary>
        public const string IdentifierNone = "None";

        private ServerTokenRecipient(string kind, string identifierType, string? issuer, string? serialNumber, string? subjectKeyIdentifier, string? keyEncryptionAlgorithm)
        {
            Kind = kind;
            IdentifierType = identifierType;
            Issuer = issuer;
            SerialNumber = serialNumber;
            SubjectKeyIdentifier = subjectKeyIdentifier;
            KeyEncryptionAlgorithm = keyEncryptionAlgorithm;
        }

        /// <summary>Recipient type: one of the <c>Kind*</c> constants.</summary>
        public string Kind { get; }

        /// <summary>How the recipient is identified: one of the <c>Identifier*</c> constants.</summary>
        public string IdentifierType { get; }

        /// <summary>Issuer distinguished name of the recipient certificate, for IssuerAndSerialNumber.</summary>
        public string? Issuer { get; }

        /// <summary>
        /// Serial number of the recipient certificate as uppercase hex, the same form as
        /// X509Certificate2.SerialNumber. Compare with <see cref="SerialNumberEquals"/>, which ignores leading zeros.
        /// </summary>
        public string? SerialNumber { get; }

        /// <summary>Subject key identifier (uppercase hex), for SubjectKeyIdentifier recipients.</summary>
        public string? SubjectKeyIdentifier { get; }

        /// <summary>Key encryption algorithm, e.g. "RSA" or "RSA-OAEP".</summary>
        public string? KeyEncryptionAlgorithm { get; }

        /// <summary>True when <paramref name="serialNumber"/> (hex) is numerically the same as <see cref="SerialNumber"/>.</summary>
        /// <param name="serialNumber">Serial number in hex, with or without leading zeros, spaces or colons.</param>
        /// <returns>Whether they are the same number.</returns>
        public bool SerialNumberEquals(string? serialNumber) =>
            SerialNumber != null && serialNumber != null
            && string.Equals(NormalizeHexNumber(SerialNumber), NormalizeHexNumber(serialNumber), StringComparison.Ordinal);

        /// <summary>Names the recipient for messages; the identifiers are public certificate data, not secrets.</summary>
        public override string ToString()
        {
            switch (IdentifierType)
            {
                case IdentifierIssuerAndSerialNumber:
                    return string.Format(CultureInfo.InvariantCulture, "issuer '{0}', serial {1}", Issuer, SerialNumber);
                case IdentifierSubjectKeyIdentifier:
                    return string.Format(CultureInfo.InvariantCulture, "subject key identifier {0}", SubjectKeyIdentifier);
                default:
                    return string.Format(CultureInfo.InvariantCulture, "a {0} recipient", Kind);
            }
        }

        internal static ServerTokenRecipient From(RecipientInfo info)
        {
            string kind = info.Type == RecipientInfoType.KeyTransport ? KindKeyTransport
                : info.Type == RecipientInfoType.KeyAgreement ? KindKeyAgreement
                : KindOther;
            string algorithm = CmsNames.Algorithm(info.KeyEncryptionAlgorithm.Oid);
            SubjectIdentifier id = info.RecipientIdentifier;
            if (id.Type == SubjectIdentifierType.IssuerAndSerialNumber && id.Value is System.Security.Cryptography.Xml.X509IssuerSerial issuerSerial)
            {
                return new ServerTokenRecipient(kind, IdentifierIssuerAndSerialNumber, issuerSerial.IssuerName, issuerSerial.SerialNumber.ToUpperInvariant(), null, algorithm);
            }

            if (id.Type == SubjectIdentifierType.SubjectKeyIdentifier && id.Value is string ski)
            {
                return new ServerTokenRecipient(kind, IdentifierSubjectKeyIdentifier, null, null, ski.ToUpperInvariant(), algorithm);
            }

            return new ServerTokenRecipient(kind, IdentifierNone, null, null, null, algorithm);
        }

        // EnvelopedCms and X509Certificate2 format a Name with the same platform routine, so equal names give equal
        // strings even when one encoder chose PrintableString and the other UTF8String.
        internal bool IssuerEquals(X500DistinguishedName name) =>
            Issuer != null && string.Equals(Issuer, name.Name, StringComparison.OrdinalIgnoreCase);

        /// <summary>Serial numbers are compared as numbers, so "00A1" (DER sign byte) equals "A1".</summary>
        private static string NormalizeHexNumber(string hex)
        {
            string trimmed = hex.Replace(" ", string.Empty).Replace(":", string.Empty).TrimStart('0').ToUpperInvariant();
            return trimmed.Length == 0 ? "0" : trimmed;
        }
    }
}
