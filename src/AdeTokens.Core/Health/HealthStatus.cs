
namespace AdeTokens
{
    /// <summary>Overall verdict for one token, ordered so a descending sort puts the most urgent first.</summary>
    // Every public enum in the module is long-based: ConvertTo-Json (Windows PowerShell 5.1 and PowerShell 7) writes
    // a long-based enum as its name and any other enum as a number, and "Status": 2 means nothing to a reader.
    // EnumTests and Exports.Tests.ps1 hold this; they fail if PowerShell ever changes that rule.
    public enum HealthStatus : long
    {
        /// <summary>No Warning or Critical finding (Info findings may still be present).</summary>
        Healthy = 0,
        /// <summary>Something needs attention soon; enrollment still works.</summary>
        Warning = 1,
        /// <summary>Enrollment or sync is broken now, or will be within CriticalDays.</summary>
        Critical = 2,
    }
}
