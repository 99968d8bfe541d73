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
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [Alias("TokenName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenNameCompleter))]
        public string[]? Name { get; set; }

        protected override void BeginProcessing()
        {
            UseGraph();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != IdSet) return;
            foreach (var id in Id)
            {
                var setting = GetTokenOrWriteError(id);
                if (setting is null) continue;
                WriteObject(TokenStatusBuilder.Build(setting, DateTimeOffset.UtcNow, null, ConnectedTenantId));
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == IdSet) return;
            var now = DateTimeOffset.UtcNow;
            foreach (var s in SelectTokensByName(Name))
            {
                WriteObject(TokenStatusBuilder.Build(s, now, null, ConnectedTenantId));
            }
        }
    }
}
