using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace AdeTokens
{
    /// <summary>What a piped object stands for. Each helper writes its own error for input it cannot use.</summary>
    internal static class PipelineInput
    {
        /// <summary>
        /// Adds the HealthResults in a pipeline object (one result, or a collection of them) to <paramref name="into"/>,
        /// and writes an InvalidType error with <paramref name="errorId"/> for anything else.
        /// </summary>
        public static void CollectHealthResults(PSCmdlet cmdlet, PSObject? input, List<HealthResult> into, string errorId)
        {
            if (input is null) return;
            if (input.BaseObject is System.Collections.IEnumerable items && !(input.BaseObject is string))
            {
                foreach (var item in items) CollectHealthResults(cmdlet, item is null ? null : PSObject.AsPSObject(item), into, errorId);
                return;
            }
            if (input.BaseObject is HealthResult r)
            {
                into.Add(r);
                return;
            }
            var verb = cmdlet.MyInvocation.MyCommand.Name;
            var message = $"{verb} works on AdeTokens.HealthResult objects; it cannot use a {input.BaseObject?.GetType().FullName ?? "null"}.";
            cmdlet.WriteError(ErrorRecords.Create(new ArgumentException(message), errorId, ErrorCategory.InvalidType, input, message,
                input.BaseObject is TokenStatus
                    ? $"Pipe the tokens through Test-AdeTokenHealth first: Get-AdeTokenStatus | Test-AdeTokenHealth | {verb}."
                    : $"Pipe Test-AdeTokenHealth output: Test-AdeTokenHealth | {verb}."));
        }

        /// <summary>
        /// The token a pipeline object stands for. A token object (TokenStatus, or a depOnboardingSetting read
        /// some other way) is the token itself and gives its Id; everything that belongs to a token (health
        /// results, profiles, devices, renewal and assignment results) gives its TokenId, never its own Id; a
        /// string is a token id. Null, with an InvalidPipelineInput error written, for anything else.
        /// </summary>
        public static string? TokenId(PSCmdlet cmdlet, PSObject? input)
        {
            if (input is null) return null;
            switch (input.BaseObject)
            {
                case string s when !string.IsNullOrWhiteSpace(s):
                    return s.Trim();
                case TokenStatus t:
                    return t.Id;
            }
            var tokenId = input.Properties["TokenId"]?.Value?.ToString();
            if (!string.IsNullOrWhiteSpace(tokenId)) return tokenId;
            // Without a TokenId the object stands for a token itself: ConvertFrom-Json of a depOnboardingSettings
            // response, or the admin's own list (Import-Csv with an Id column). Every AdeTokens object that
            // belongs to a token carries TokenId, so it never gets here.
            var id = input.Properties["Id"]?.Value?.ToString();
            if (!string.IsNullOrWhiteSpace(id)) return id;
            var verb = cmdlet.MyInvocation.MyCommand.Name;
            var message = $"{verb} cannot tell which ADE token a {input.BaseObject?.GetType().FullName ?? "null"} belongs to: it has no TokenId, and it is not a token.";
            cmdlet.WriteError(ErrorRecords.Create(new ArgumentException(message), "InvalidPipelineInput", ErrorCategory.InvalidArgument, input, message,
                $"Pipe tokens (Get-AdeTokenStatus), health results, profiles or devices, or give the token with -Id. Get-Help {verb} -Full lists what it accepts from the pipeline."));
            return null;
        }
    }
}
