using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    // CheckIncomplete: a check that could not finish must never read as a clean bill of health.
    internal static class IncompleteRules
    {
        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            if (c.Incomplete.Count == 0) yield break;
            var what = string.Join("; ", c.Incomplete.Distinct());
            yield return c.Finding(HealthFindingCodes.CheckIncomplete, FindingSeverity.Warning,
                $"Part of the check of {c.Label} could not be done, so its verdict may miss problems: {what}.",
                new[]
                {
                    "Run Test-AdeTokenHealth again for this token (-Id " + c.TokenId + "). Graph failures of this kind are often passing.",
                    "If it keeps failing, read the error record written with this result: it names the request, its request-id and the permission the call needs. Give the request-id to Microsoft support if the permission is in place.",
                },
                HelpLinks.GraphErrors,
                target: c.TokenId);
        }
    }
}
