using System.Management.Automation;

namespace AdeTokens
{
    /// <summary>
    /// Base of the Graph cmdlets that act on one token per record, given by -Id or piped (New-AdeTokenPublicKey,
    /// Update-AdeToken, Start-AdeTokenRenewal): the two parameter sets they share, and which token a record is for.
    /// </summary>
    public abstract class AdeTokenCmdletBase : AdeGraphCmdletBase
    {
        internal const string IdSet = "Id";
        internal const string InputSet = "InputObject";

        private readonly PipedTokenIds _piped = new PipedTokenIds();

        /// <summary>The token's id. Not by property name: a device or profile also has an Id. Piped objects bind InputObject.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string Id { get; set; } = string.Empty;

        /// <summary>A piped token, or anything that belongs to one (PipelineInput.TokenId says which token).</summary>
        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Points <see cref="Id"/> at the token this record is for, each piped token once; false to skip the record.</summary>
        protected bool NextToken()
        {
            var id = _piped.Next(this, InputObject, Id);
            if (id is null) return false;
            Id = id;
            return true;
        }
    }
}
