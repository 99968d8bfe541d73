using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;

namespace AdeTokens
{
    /// <summary>
    /// Base for the cmdlets that talk to Graph. BeginProcessing requires this runspace's connection (a terminating
    /// NotConnected error otherwise) and sets <see cref="Service"/>, so from BeginWithGraph on a Graph cmdlet always
    /// has its service. Also the token lookups several cmdlets share, with their per-item errors.
    /// </summary>
    public abstract class AdeGraphCmdletBase : AdeCmdletBase
    {
        private AdeGraphService? _service;

        /// <summary>The Graph service over this runspace's connection.</summary>
        protected AdeGraphService Service => _service ?? throw new InvalidOperationException("The Graph service is set in BeginProcessing; it was used before.");

        /// <summary>The tenant of this runspace's connection.</summary>
        protected string? ConnectedTenantId { get; private set; }

        /// <summary>Requires the connection, then hands over to <see cref="BeginWithGraph"/>.</summary>
        protected sealed override void BeginProcessing()
        {
            var connection = RequireConnection();
            _service = new AdeGraphService(connection);
            ConnectedTenantId = connection.Claims.TenantId ?? connection.Options.TenantId;
            BeginWithGraph();
        }

        /// <summary>The cmdlet's own BeginProcessing, with <see cref="Service"/> set.</summary>
        protected virtual void BeginWithGraph()
        {
        }

        /// <summary>
        /// Reads one token. When it is missing or Graph fails, writes a non-terminating error with the id as
        /// target and returns null, so the other ids in the pipeline still get processed.
        /// </summary>
        protected DepOnboardingSetting? GetTokenOrWriteError(string id)
        {
            WriteVerbose($"Reading ADE token '{id}' (GET /beta/deviceManagement/depOnboardingSettings/{id}).");
            try
            {
                var token = RunAsync((_, ct) => Service.GetTokenAsync(id, ct));
                if (token is null) WriteError(ErrorRecords.From(TokenNotFoundFor(id)));
                return token;
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, id));
                return null;
            }
        }

        /// <summary>
        /// TokenNotFound for <paramref name="id"/>; when the "id" is in fact a token's name (a common slip:
        /// -TokenId 'Contoso ABM'), the error says so and gives the real id. Costs one list, on failure only.
        /// </summary>
        protected RemediationException TokenNotFoundFor(string id)
        {
            try
            {
                DepOnboardingSetting? named = null;
                RunAsync((_, ct) => Service.ListTokensAsync(t =>
                {
                    if (string.Equals(t.TokenName?.Trim(), id.Trim(), StringComparison.OrdinalIgnoreCase)) named = t;
                    return named is null;
                }, ct));
                if (named?.Id != null) return RemediationException.TokenNotFoundButNamed(id, named.Id);
            }
            catch (AdeGraphException)
            {
                // The plain message is still right; the hint is only a courtesy.
            }
            return RemediationException.TokenNotFound(id);
        }

        /// <summary>Every token in the tenant. A Graph failure is terminating: without the list nothing can be checked.</summary>
        protected List<DepOnboardingSetting> ListTokensOrThrow()
        {
            var tokens = new List<DepOnboardingSetting>();
            WriteVerbose("Reading every ADE token (GET /beta/deviceManagement/depOnboardingSettings, following each next page).");
            try
            {
                tokens = RunAsync((_, ct) => Service.ListAllTokensAsync(ct));
            }
            catch (AdeGraphException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, "depOnboardingSettings"));
            }
            WriteVerbose($"Read {tokens.Count} ADE token(s).");
            return tokens;
        }

        /// <summary>
        /// The tokens whose name matches any of <paramref name="names"/> (wildcards allowed; all tokens when
        /// none are given). A literal name that matches nothing gets its own non-terminating error, as
        /// Get-Process does; a wildcard that matches nothing is just an empty result.
        /// </summary>
        protected List<DepOnboardingSetting> SelectTokensByName(string[]? names)
        {
            var all = ListTokensOrThrow();
            if (names is null || names.Length == 0) return all;
            var patterns = new NamePatterns(names);
            var selected = all.Where(t => patterns.Matches(t.TokenName)).ToList();
            foreach (var name in patterns.Unmatched(all.Select(t => t.TokenName))) WriteError(ErrorRecords.From(RemediationException.TokenNameNotFound(name)));
            return selected;
        }
    }
}
