using System.Collections.Generic;

namespace AdeTokens.Health
{
    // ConsentNotGranted. Only an explicit false counts: a snapshot without the property says nothing.
    internal static class ConsentRules
    {
        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            if (c.Token.DataSharingConsentGranted != false) yield break;
            yield return c.Finding(HealthFindingCodes.ConsentNotGranted, FindingSeverity.Warning,
                "Intune records no consent to send user and device information to Apple for this token (dataSharingConsentGranted is false). Intune asks for this permission, the 'I agree' box, when a token is added.",
                new[]
                {
                    $"{c.TokenPath}, and review it. The permission is the 'I agree' box on the Basics tab when a token is added (Step 1 of getting a token; see HelpUri).",
                    "Microsoft doesn't document what a false value does to an existing token, or how to grant the consent afterwards. If the token still syncs, confirm with Microsoft support before re-creating the token.",
                },
                HelpLinks.GetAdeToken);
        }
    }
}
