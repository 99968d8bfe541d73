using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AdeTokens.Graph
{
    /// <summary>Hands out a token the caller obtained elsewhere (Connect-AdeGraph -AccessToken).</summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        public StaticTokenCredential(string token, DateTimeOffset expiresOn)
        {
            _token = new AccessToken(token, expiresOn);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => new ValueTask<AccessToken>(_token);
    }
}
