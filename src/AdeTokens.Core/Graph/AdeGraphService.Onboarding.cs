using System;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace AdeTokens.Graph
{
    public sealed partial class AdeGraphService
    {
        /// <summary>
        /// Creates a new ADE token (POST depOnboardingSettings, 201). Its server token is uploaded afterwards with
        /// uploadDepToken, once Apple Business Manager has issued one for its public key. Which properties the service
        /// requires on create is UNVERIFIED; this sends the ones the admin center's Create asks for.
        /// </summary>
        public async Task<DepOnboardingSetting> CreateTokenAsync(NewTokenBody body, CancellationToken cancellationToken)
        {
            if (body is null) throw new ArgumentNullException(nameof(body));
            var info = Request(Method.POST, SettingsUrl);
            info.SetContentFromParsable(Adapter, "application/json", body);
            try
            {
                return await Adapter.SendAsync(info, DepOnboardingSetting.CreateFromDiscriminatorValue, s_errorMapping, cancellationToken).ConfigureAwait(false)
                    ?? throw new AdeGraphException("Graph created the ADE token but returned no object.", GraphFailureKind.Other) { Operation = "create an ADE token" };
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, $"create the ADE token '{body.TokenName}'", GraphPermissions.ReadWrite);
            }
        }

        /// <summary>
        /// Makes Intune generate a new key pair for the token (generateEncryptionPublicKey) and returns the public
        /// key as Graph gave it. The format of the string, and whether the server token in use keeps working, are
        /// UNVERIFIED.
        /// </summary>
        public async Task<string> GenerateEncryptionPublicKeyAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                var r = await Adapter.SendAsync(Request(Method.POST, TokenUrl(id) + "/generateEncryptionPublicKey"), StringValueResponse.CreateFromDiscriminatorValue, s_errorMapping, cancellationToken).ConfigureAwait(false);
                return r?.Value ?? throw new AdeGraphException($"Graph returned no public key for ADE token '{id}'.", GraphFailureKind.Other) { Operation = "generate a public key" };
            }
            catch (Exception e)
            {
                // The 2024 docs list Read scopes for this POST (reference §4); ReadWrite is what the module asks for.
                throw GraphErrorMapper.Map(e, $"generate a new public key for ADE token '{id}'", GraphPermissions.ReadWrite);
            }
        }
    }
}
