using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeTokenStatus", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TokenStatus))]
    public sealed class GetAdeTokenStatusCommand : AdeCmdletBase
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [Alias("TokenName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        private AdeGraphService? _service;
        private string? _tenantId;

        protected override void BeginProcessing()
        {
            var connection = RequireConnection();
            _service = new AdeGraphService(connection);
            _tenantId = connection.Claims.TenantId ?? connection.Options.TenantId;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != IdSet) return;
            foreach (var id in Id)
            {
                DepOnboardingSetting? setting;
                try
                {
                    setting = RunAsync((_, ct) => _service!.GetTokenAsync(id, ct));
                }
                catch (AdeGraphException e)
                {
                    WriteError(GraphError(e, id));
                    continue;
                }
                if (setting is null)
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"No ADE token with id '{id}' exists in this tenant."),
                        "TokenNotFound", ErrorCategory.ObjectNotFound, id)
                    {
                        ErrorDetails = new ErrorDetails($"No ADE token with id '{id}' exists in this tenant.")
                        {
                            RecommendedAction = "Run Get-AdeTokenStatus without -Id to list the tokens and their ids.",
                        },
                    });
                    continue;
                }
                WriteObject(TokenStatusBuilder.Build(setting, DateTimeOffset.UtcNow, null, _tenantId));
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == IdSet) return;
            var patterns = (Name ?? Array.Empty<string>())
                .Select(n => new { Text = n, Pattern = new WildcardPattern(n, WildcardOptions.IgnoreCase), Literal = !WildcardPattern.ContainsWildcardCharacters(n) })
                .ToList();
            var matched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var now = DateTimeOffset.UtcNow;
            try
            {
                RunAsync((pipe, ct) => _service!.ListTokensAsync(s =>
                {
                    if (patterns.Count > 0)
                    {
                        var hit = patterns.Where(p => p.Pattern.IsMatch(s.TokenName ?? string.Empty)).ToList();
                        if (hit.Count == 0) return true;
                        // The callback runs on the worker thread; EndProcessing reads the set after RunAsync returns.
                        foreach (var h in hit) matched.Add(h.Text);
                    }
                    pipe.WriteObject(TokenStatusBuilder.Build(s, now, null, _tenantId));
                    return true;
                }, ct));
            }
            catch (AdeGraphException e)
            {
                ThrowTerminatingError(GraphError(e, Name is null ? (object)"depOnboardingSettings" : Name));
            }
            foreach (var p in patterns.Where(p => p.Literal && !matched.Contains(p.Text)))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No ADE token named '{p.Text}' exists in this tenant."),
                    "TokenNotFound", ErrorCategory.ObjectNotFound, p.Text)
                {
                    ErrorDetails = new ErrorDetails($"No ADE token named '{p.Text}' exists in this tenant.")
                    {
                        RecommendedAction = "Run Get-AdeTokenStatus without -Name to list the token names, or use a wildcard such as 'Contoso*'.",
                    },
                });
            }
        }
    }
}
