using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace AdeTokens
{
    /// <summary>
    /// The token each record of an -Id / -InputObject cmdlet is for: the bound id, or the token of the piped object,
    /// each piped token once per command, so a token's devices or profiles piped in stand for it once.
    /// </summary>
    internal sealed class PipedTokenIds
    {
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// <paramref name="id"/> when nothing was piped; else the piped object's token, or null to skip the record: a
        /// token already handled, or an object that stands for no token (PipelineInput writes its error).
        /// </summary>
        public string? Next(PSCmdlet cmdlet, PSObject? input, string id)
        {
            if (input is null) return id;
            var piped = PipelineInput.TokenId(cmdlet, input);
            return string.IsNullOrWhiteSpace(piped) || !_seen.Add(piped!) ? null : piped;
        }
    }
}
