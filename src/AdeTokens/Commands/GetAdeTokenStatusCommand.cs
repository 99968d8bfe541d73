using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeTokenStatus", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TokenStatus))]
    public sealed class GetAdeTokenStatusCommand : AdeGraphCmdletBase
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";
        private const string InputSet = "InputObject";

        // Not by property name: profiles and devices carry their own Id. Piped objects bind InputObject instead.
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [Alias("TokenName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenNameCompleter))]
        public string[]? Name { get; set; }


        protected override void ProcessRecord()
        {
            if (ParameterSetName == NameSet) return;
            var ids = ParameterSetName == InputSet ? InputObject.Select(i => PipelineInput.TokenId(this, i)) : Id;
            foreach (var id in ids)
            {
                // Seven devices of one token piped in give that token once.
                if (string.IsNullOrWhiteSpace(id) || !_seen.Add(id!)) continue;
                var setting = GetTokenOrWriteError(id!);
                if (setting is null) continue;
                WriteObject(TokenStatusBuilder.Build(setting, DateTimeOffset.UtcNow, null, ConnectedTenantId));
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != NameSet) return;
            var now = DateTimeOffset.UtcNow;
            foreach (var s in SelectTokensByName(Name))
            {
                WriteObject(TokenStatusBuilder.Build(s, now, null, ConnectedTenantId));
            }
        }
    }
}
