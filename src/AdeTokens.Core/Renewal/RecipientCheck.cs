using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AdeTokens.Renewal
{
    /// <summary>Compares a server token's recipients with the certificate Intune gave for the token.</summary>
    internal static class RecipientCheck
    {
        internal static RecipientMatch Check(IReadOnlyList<ServerTokenRecipient> recipients, EncryptionPublicKey key, out string reason)
        {
            var unconfirmed = new List<string>();
            foreach (ServerTokenRecipient recipient in recipients)
            {
                if (recipient.IdentifierType == ServerTokenRecipient.IdentifierIssuerAndSerialNumber)
                {
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
                    string? how = SameHex(recipient.SubjectKeyIdentifier, key.SubjectKeyIdentifier) ? "the certificate's Subject Key Identifier extension"
                        : SameHex(recipient.SubjectKeyIdentifier, key.KeyIdentifier) ? "the SHA-1 of the public key (RFC 5280 method 1)"
                        : SameHex(recipient.SubjectKeyIdentifier, key.CapiKeyIdentifier) ? "the SHA-1 of the SubjectPublicKeyInfo (the Windows/.NET form)"
                        : null;
                    if (how != null)
                    {
                        reason = string.Format(CultureInfo.InvariantCulture, "The token file is encrypted for {0}, which matches {1} of this Intune token's public key.", recipient, how);
                        return RecipientMatch.Match;
                    }
                }
                else
                {
                    unconfirmed.Add(string.Format(CultureInfo.InvariantCulture, "The token file has {0}, which cannot be compared with a public key.", recipient));
                }
            }

            if (unconfirmed.Count > 0 && unconfirmed.Count == recipients.Count)
            {
                reason = string.Join(" ", unconfirmed);
                return RecipientMatch.Unconfirmed;
            }

            reason = string.Format(
                CultureInfo.InvariantCulture,
                "The token file is encrypted for {0}, but this Intune token's public key is {1}. The file was downloaded for another MDM server, key or tenant, or the MDM server in Apple Business Manager holds a different public key than this Intune token.",
                string.Join(" or ", recipients.Select(r => r.ToString())),
                string.Format(
                    CultureInfo.InvariantCulture,
                    "certificate '{0}' from issuer '{1}', serial {2}, subject key identifier {3}",
                    key.Certificate.Subject,
                    key.Certificate.Issuer,
                    key.Certificate.SerialNumber,
                    key.SubjectKeyIdentifier ?? key.KeyIdentifier + " (computed)"));
            return RecipientMatch.Mismatch;
        }

        private static bool SameHex(string? a, string? b) =>
            a != null && b != null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
