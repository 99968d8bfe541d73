using System;
using System.Globalization;

namespace AdeTokens.Renewal
{
    /// <summary>How well a server token file's recipients match an Intune encryption public key.</summary>
    public enum RecipientMatch : long
    {
        /// <summary>A recipient names this key's certificate (issuer and serial) or key identifier.</summary>
        Match,

        /// <summary>The recipients name other certificates or keys: the file is for another MDM server, key or tenant.</summary>
        Mismatch,

        /// <summary>The file's recipients cannot be compared with what is known about the key (e.g. a bare public key against issuer and serial).</summary>
        Unconfirmed,
    }

    /// <summary>One recipient of a server token's CMS enveloped data: who Apple encrypted the token for.</summary>
    public sealed class ServerTokenRecipient
    {
        /// <summary><see cref="Kind"/> for key transport (RSA), which is what Apple uses.</summary>
        public const string KindKeyTransport = "KeyTransport";

        /// <summary><see cref="Kind"/> for key agreement (e.g. ECDH).</summary>
        public const string KindKeyAgreement = "KeyAgreement";

        /// <summary><see cref="Kind"/> for a pre-shared key-encryption key.</summary>
        public const string KindKek = "Kek";

        /// <summary><see cref="Kind"/> for a password.</summary>
        public const string KindPassword = "Password";

        /// <summary><see cref="Kind"/> for any other recipient type.</summary>
        public const string KindOther = "Other";

        /// <summary><see cref="IdentifierType"/> when the recipient is named by certificate issuer and serial number.</summary>
        public const string IdentifierIssuerAndSerialNumber = "IssuerAndSerialNumber";

        /// <summary><see cref="IdentifierType"/> when the recipient is named by subject key identifier.</summary>
        public const string IdentifierSubjectKeyIdentifier = "SubjectKeyIdentifier";

        /// <summary><see cref="IdentifierType"/> when the recipient type carries no certificate identifier.</summary>
        public const string IdentifierNone = "None";

        private readonly byte[]? _issuerRaw;

        internal ServerTokenRecipient(string kind, string identifierType, byte[]? issuerRaw, string? issuer, string? serialNumber, string? subjectKeyIdentifier, string? keyEncryptionAlgorithm)
        {
            Kind = kind;
            IdentifierType = identifierType;
            _issuerRaw = issuerRaw;
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
        /// Serial number of the recipient certificate as uppercase hex of the DER INTEGER, the same form as
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
            && string.Equals(RenewalEncoding.NormalizeHexNumber(SerialNumber), RenewalEncoding.NormalizeHexNumber(serialNumber), StringComparison.Ordinal);

        internal ServerTokenRecipient WithKeyEncryptionAlgorithm(string algorithm) =>
            new ServerTokenRecipient(Kind, IdentifierType, _issuerRaw, Issuer, SerialNumber, SubjectKeyIdentifier, algorithm);

        internal bool IssuerEquals(System.Security.Cryptography.X509Certificates.X500DistinguishedName name)
        {
            if (_issuerRaw == null)
            {
                return false;
            }

            byte[] other = name.RawData;
            if (other.Length == _issuerRaw.Length)
            {
                bool same = true;
                for (int i = 0; i < other.Length && same; i++)
                {
                    same = other[i] == _issuerRaw[i];
                }

                if (same)
                {
                    return true;
                }
            }

            // Encoders may pick different string types (PrintableString vs UTF8String) for the same name.
            return Issuer != null && string.Equals(Issuer, name.Name, StringComparison.OrdinalIgnoreCase);
        }

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
    }
}
