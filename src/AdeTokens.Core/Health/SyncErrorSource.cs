
namespace AdeTokens.Health
{
    /// <summary>Where a catalogue statement comes from.</summary>
    public sealed class SyncErrorSource
    {
        internal SyncErrorSource(string id, SyncErrorEvidence level, string title, string? url)
        {
            Id = id; Level = level; Title = title; Url = url;
        }

        /// <summary>Key used by entries.</summary>
        public string Id { get; }
        /// <summary>How authoritative the source is.</summary>
        public SyncErrorEvidence Level { get; }
        /// <summary>What it is.</summary>
        public string Title { get; }
        /// <summary>Where to read it, when it is public.</summary>
        public string? Url { get; }

        /// <inheritdoc />
        public override string ToString() => Url is null ? Title : $"{Title} <{Url}>";
    }
}
