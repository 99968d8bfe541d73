namespace AdeTokens.Alerts
{
    /// <summary>The alert mail would exceed sendMail's request size even as a compact report.</summary>
    public sealed class AlertMailTooLargeException : AdeException
    {
        /// <summary>The channel name Send-AdeTokenAlert reports as the error's target.</summary>
        public const string Channel = "Mail";

        /// <summary>Creates the exception.</summary>
        public AlertMailTooLargeException(long size, long limit)
            : base($"The alert mail would be {size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes, more than the {limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes this module sends through Graph sendMail, even without the timeline and the steps. No mail was sent.",
                "AlertMailTooLarge", AdeErrorCategory.LimitsExceeded, Channel,
                "Alert on fewer tokens (-MinimumStatus Critical, or split the results by tenant), or post to Teams, whose card lists the most urgent tokens.", null)
        {
            Size = size;
            Limit = limit;
        }

        /// <summary>The size of the smallest mail that could be made.</summary>
        public long Size { get; }
        /// <summary>The budget.</summary>
        public long Limit { get; }
    }
}
