using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Io;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// A token's encryption public key, read from Graph and written as the PEM the admin uploads to Apple Business
    /// Manager. Shared by Get-AdeTokenPublicKey and the guided renewal.
    /// </summary>
    public sealed class PublicKeyExport
    {
        private readonly AdeGraphService _service;

        /// <summary>Creates the export over Graph.</summary>
        public PublicKeyExport(AdeGraphService service) => _service = service ?? throw new ArgumentNullException(nameof(service));

        /// <summary>
        /// Refuses a path before any Graph call: a folder always (Force overwrites a file, never a folder), an existing
        /// file without <paramref name="force"/>. Throws PathIsFolderException or RemediationException OutFileExists.
        /// </summary>
        public static void CheckPath(string fullPath, string role, bool force)
        {
            if (FolderPath.Check(fullPath, role, "public_key.pem") is PathIsFolderException folder) throw folder;
            // Write checks again atomically.
            if (!force && File.Exists(fullPath)) throw KeyFile.Exists(fullPath);
        }

        /// <summary>
        /// The token and its key. <paramref name="checkToken"/> runs between the two reads, so a wrong Apple ID is
        /// reported before the key is fetched. Throws RemediationException TokenNotFound, AdeGraphException, or
        /// ServerTokenException PublicKeyUnreadable.
        /// </summary>
        public async Task<(DepOnboardingSetting Token, EncryptionPublicKey Key)> ReadAsync(string tokenId, Action<DepOnboardingSetting>? checkToken, CancellationToken cancellationToken)
        {
            var token = await _service.GetTokenAsync(tokenId, cancellationToken).ConfigureAwait(false) ?? throw RemediationException.TokenNotFound(tokenId);
            checkToken?.Invoke(token);
            var raw = await _service.GetEncryptionPublicKeyAsync(tokenId, cancellationToken).ConfigureAwait(false);
            return (token, EncryptionPublicKey.Parse(raw));
        }

        /// <summary>Writes the key's PEM to <paramref name="fullPath"/>. Throws RemediationException OutFileExists or OutFileWriteFailed.</summary>
        public static void Write(string fullPath, EncryptionPublicKey key, bool force) => KeyFile.Write(fullPath, key.ToPem(), force);
    }
}
