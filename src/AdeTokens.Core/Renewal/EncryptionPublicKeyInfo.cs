using System;
using AdeTokens.Renewal;

namespace AdeTokens
{
    /// <summary>An ADE token's encryption public key, as Get-AdeTokenPublicKey shows it. Public data only.</summary>
    public sealed class EncryptionPublicKeyInfo
    {
        /// <summary>The token.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name.</summary>
        public string? TokenName { get; set; }
        /// <summary>The key as PEM text with \n line endings: the file to upload to the MDM server in ABM/ASM.</summary>
        public string Pem { get; set; } = string.Empty;
        /// <summary>The format Graph returned the key in (PemCertificate, Base64Der, …): Graph does not document it.</summary>
        public string Format { get; set; } = string.Empty;
        /// <summary>Certificate subject (null for a bare public key).</summary>
        public string? Subject { get; set; }
        /// <summary>Certificate issuer.</summary>
        public string? Issuer { get; set; }
        /// <summary>Certificate serial number (hex).</summary>
        public string? SerialNumber { get; set; }
        /// <summary>SHA-1 thumbprint.</summary>
        public string? Thumbprint { get; set; }
        /// <summary>Start of validity (UTC).</summary>
        public DateTime? NotBefore { get; set; }
        /// <summary>End of validity (UTC).</summary>
        public DateTime? NotAfter { get; set; }
        /// <summary>Key algorithm, e.g. RSA.</summary>
        public string? KeyAlgorithm { get; set; }
        /// <summary>Subject key identifier (hex), or the one computed from the key.</summary>
        public string? KeyIdentifier { get; set; }
        /// <summary>Where the PEM was written (-OutFile), or null.</summary>
        public string? Path { get; set; }

        /// <summary>Builds the view of <paramref name="key"/>.</summary>
        public static EncryptionPublicKeyInfo From(EncryptionPublicKey key, string tokenId, string? tokenName, string? path)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            return new EncryptionPublicKeyInfo
            {
                TokenId = tokenId,
                TokenName = tokenName,
                Pem = key.ToPem(),
                Format = key.Format,
                Subject = key.Subject,
                Issuer = key.Issuer,
                SerialNumber = key.SerialNumber,
                Thumbprint = key.Thumbprint,
                NotBefore = key.NotBefore.ToUniversalTime(),
                NotAfter = key.NotAfter.ToUniversalTime(),
                KeyAlgorithm = key.KeyAlgorithm,
                KeyIdentifier = key.SubjectKeyIdentifier ?? key.KeyIdentifier,
                Path = path,
            };
        }

        /// <inheritdoc />
        public override string ToString() => Subject ?? KeyIdentifier ?? TokenId;
    }
}
