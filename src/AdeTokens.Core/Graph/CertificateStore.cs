using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdeTokens.Graph
{
    /// <summary>The app certificate for Connect-AdeGraph -CertificateThumbprint, from the personal stores.</summary>
    public static class CertificateStore
    {
        /// <summary>
        /// The certificate with <paramref name="thumbprint"/> (spaces and case ignored) in CurrentUser\My, then
        /// LocalMachine\My. <paramref name="verbose"/> hears where it was found. Throws CertificateNotFoundException.
        /// </summary>
        public static X509Certificate2 FindByThumbprint(string thumbprint, Action<string>? verbose)
        {
            if (thumbprint is null) throw new ArgumentNullException(nameof(thumbprint));
            var wanted = thumbprint.Replace(" ", string.Empty).ToUpperInvariant();
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly);
                    var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                    if (found.Count > 0)
                    {
                        verbose?.Invoke($"Found certificate {wanted} in {location}\\My.");
                        return found[0];
                    }
                }
                catch (CryptographicException)
                {
                    // A store that doesn't exist on this platform (LocalMachine on Linux) just has no match.
                }
            }
            throw new CertificateNotFoundException(wanted, thumbprint);
        }
    }
}
