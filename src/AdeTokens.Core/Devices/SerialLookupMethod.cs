namespace AdeTokens.Devices
{
    /// <summary>How a set of serial numbers was looked up on one token.</summary>
    public enum SerialLookupMethod : long
    {
        /// <summary>One $filter request per serial number.</summary>
        Filter = 0,
        /// <summary>One pass over the token's device stream for all of them.</summary>
        Stream = 1,
    }
}
