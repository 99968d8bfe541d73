using System;
using System.Collections.Generic;
namespace AdeTokens.Devices
{
    /// <summary>Splits work into batches.</summary>
    public static class Batching
    {
        /// <summary>
        /// Serial numbers per updateDeviceProfileAssignment call. Microsoft documents no limit; 1000 keeps each
        /// request small and well under Intune's write throttle (100 writes / 20 s per app).
        /// </summary>
        public const int DeviceAssignmentBatchSize = 1000;

        /// <summary>Consecutive chunks of at most <paramref name="size"/> items.</summary>
        public static IEnumerable<IReadOnlyList<T>> Chunk<T>(IEnumerable<T> items, int size)
        {
            if (items is null) throw new ArgumentNullException(nameof(items));
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The batch size must be at least 1.");
            return ChunkIterator(items, size);
        }

        private static IEnumerable<IReadOnlyList<T>> ChunkIterator<T>(IEnumerable<T> items, int size)
        {
            var batch = new List<T>(size);
            foreach (var item in items)
            {
                batch.Add(item);
                if (batch.Count == size)
                {
                    yield return batch;
                    batch = new List<T>(size);
                }
            }
            if (batch.Count > 0) yield return batch;
        }
    }
}
