namespace AdeTokens.Alerts
{
    /// <summary>The answer that ended a successful delivery.</summary>
    public sealed class WebhookDelivery
    {
        /// <summary>The 2xx status.</summary>
        public int StatusCode { get; set; }
        /// <summary>Requests made, retries included.</summary>
        public int Attempts { get; set; }
    }
}
