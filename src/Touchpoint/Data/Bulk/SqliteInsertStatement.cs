using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Touchpoint.Data.Bulk;

/// <summary>
/// One prepared <c>INSERT</c> on a SQLite connection, bound by position through SQLite's C functions. This is
/// <see cref="BulkWriter"/>'s path on SQLite: Microsoft.Data.Sqlite looks every parameter up by name, formats
/// every Guid and timestamp into a new string, transcodes it to UTF-8 in another buffer and takes a reference on
/// two safe handles per call; on a bulk import that was over half the writer's time, twice what SQLite itself
/// spent inserting. Here each row's text is encoded straight into one pinned buffer that SQLite reads in place.
/// Values are stored exactly as Microsoft.Data.Sqlite stores them (same text for Guids, timestamps, dates and
/// decimals), so EF reads and compares them as its own; <c>SqliteInsertStatementTests</c> hold the two side by
/// side for every type it takes.
/// </summary>
internal sealed unsafe partial class SqliteInsertStatement : IDisposable
{
    // Microsoft.Data.Sqlite's decimal format (SqliteValueBinder), so a bulk-written row equals one EF wrote. Its
    // timestamp and date formats are written by WriteTimestamp and WriteDate.
    private const string DecimalFormat = "0.0###########################";

    private const int SqliteOk = 0;
    private const int SqliteDone = 101;

    // Upper bounds of the UTF-8 text the fixed-size values need.
    private const int GuidBytes = 36;
    private const int DateTimeBytes = 27;
    private const int DateOnlyBytes = 10;
    private const int DecimalBytes = 64;

    /// <summary>The provider types it binds; a column of any other type is refused when the statement is made.</summary>
    public static readonly IReadOnlySet<Type> SupportedTypes = new HashSet<Type>
    {
        typeof(string), typeof(Guid), typeof(DateTime), typeof(DateOnly), typeof(decimal), typeof(bool),
        typeof(byte), typeof(short), typeof(int), typeof(long), typeof(double),
    };

    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt statement;
    private readonly nint handle;
    private readonly int columnCount;
    private byte[] text;
    private byte* textStart;

    /// <param name="connection">An open connection; the statement runs in whatever transaction it has open.</param>
    /// <param name="sql">An <c>INSERT</c> whose parameters are numbered <c>?1</c>, <c>?2</c>, … in column order.</param>
    /// <param name="columnTypes">Each parameter's provider type, to refuse an unsupported one before any row.</param>
    public SqliteInsertStatement(SqliteConnection connection, string sql, IReadOnlyList<Type> columnTypes)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columnTypes);
        foreach (var type in columnTypes)
        {
            if (!SupportedTypes.Contains(type))
            {
                throw new NotSupportedException($"Bulk inserts on SQLite do not bind {type.Name} values; add the type to {nameof(SqliteInsertStatement)} with a test beside Microsoft.Data.Sqlite's binding.");
            }
        }

        var db = connection.Handle ?? throw new InvalidOperationException("The connection must be open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        var parameters = raw.sqlite3_bind_parameter_count(statement);
        if (parameters != columnTypes.Count)
        {
            statement.Dispose();
            throw new ArgumentException($"The statement has {parameters} parameters, not {columnTypes.Count}.", nameof(sql));
        }

        this.connection = connection;
        handle = statement.DangerousGetHandle();
        columnCount = columnTypes.Count;
        text = AllocateText(16 * 1024);
    }

    /// <summary>
    /// Binds <paramref name="values"/> (provider values in parameter order; null for SQL NULL) and runs the
    /// statement once. A failure (a constraint, a full disk) throws <see cref="SqliteException"/> as
    /// Microsoft.Data.Sqlite would, and leaves the statement ready for the next row. Returns the rows it changed (an
    /// <c>UPDATE</c> prepared the same way finds none when the row is gone or its concurrency token moved).
    /// </summary>
    public int Execute(ReadOnlySpan<object?> values)
    {
        if (values.Length != columnCount)
        {
            throw new ArgumentException($"Expected {columnCount} values, got {values.Length}.", nameof(values));
        }

        EnsureTextCapacity(values);
        var used = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var rc = Bind(i + 1, values[i], ref used);
            if (rc != SqliteOk)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }
        }

        var step = NativeMethods.sqlite3_step(handle);
        var reset = NativeMethods.sqlite3_reset(handle);
        if (step != SqliteDone)
        {
            // sqlite3_reset returns the step's error with its message still on the connection.
            SqliteException.ThrowExceptionForRC(reset == SqliteOk ? step : reset, connection.Handle);
        }

        return raw.sqlite3_changes(connection.Handle);
    }

    public void Dispose() => statement.Dispose();

    private int Bind(int index, object? value, ref int used)
    {
        switch (value)
        {
            case null:
                return NativeMethods.sqlite3_bind_null(handle, index);
            case string s:
                return BindText(index, Encoding.UTF8.GetBytes(s, Free(used)), ref used);
            case Guid guid:
            {
                var span = Free(used);
                var length = Formatted(guid.TryFormat(span, out var written, "D"), written);
                Ascii.ToUpperInPlace(span[..length], out _);
                return BindText(index, length, ref used);
            }

            case DateTime dateTime:
                return BindText(index, WriteTimestamp(dateTime, Free(used)), ref used);
            case DateOnly date:
                return BindText(index, WriteDate(date.Year, date.Month, date.Day, Free(used)), ref used);
            case decimal number:
                return BindText(index, Formatted(number.TryFormat(Free(used), out var decimalBytes, DecimalFormat, CultureInfo.InvariantCulture), decimalBytes), ref used);
            case bool flag:
                return NativeMethods.sqlite3_bind_int64(handle, index, flag ? 1 : 0);
            case byte b:
                return NativeMethods.sqlite3_bind_int64(handle, index, b);
            case short s:
                return NativeMethods.sqlite3_bind_int64(handle, index, s);
            case int i:
                return NativeMethods.sqlite3_bind_int64(handle, index, i);
            case long l:
                return NativeMethods.sqlite3_bind_int64(handle, index, l);
            case double d:
                return double.IsNaN(d)
                    ? throw new InvalidOperationException("Cannot store 'NaN' values.")
                    : NativeMethods.sqlite3_bind_double(handle, index, d);
            default:
                throw new NotSupportedException($"Bulk inserts on SQLite do not bind {value.GetType().Name} values.");
        }
    }

    /// <summary>
    /// <paramref name="value"/> as Microsoft.Data.Sqlite's <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>: the fraction without its
    /// trailing zeros, and without the point when it is zero. Written digit by digit because .NET's custom-format
    /// parser, run for every timestamp, was a twentieth of the writer's time.
    /// </summary>
    internal static int WriteTimestamp(DateTime value, Span<byte> destination)
    {
        var length = WriteDate(value.Year, value.Month, value.Day, destination);
        destination[length++] = (byte)' ';
        WriteDigits(value.Hour, 2, destination[length..]);
        destination[length + 2] = (byte)':';
        WriteDigits(value.Minute, 2, destination[(length + 3)..]);
        destination[length + 5] = (byte)':';
        WriteDigits(value.Second, 2, destination[(length + 6)..]);
        length += 8;

        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return length;
        }

        var digits = 7;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        destination[length++] = (byte)'.';
        WriteDigits(fraction, digits, destination[length..]);
        return length + digits;
    }

    /// <summary>A date as Microsoft.Data.Sqlite's <c>yyyy-MM-dd</c>.</summary>
    internal static int WriteDate(int year, int month, int day, Span<byte> destination)
    {
        WriteDigits(year, 4, destination);
        destination[4] = (byte)'-';
        WriteDigits(month, 2, destination[5..]);
        destination[7] = (byte)'-';
        WriteDigits(day, 2, destination[8..]);
        return DateOnlyBytes;
    }

    // The lowest `count` decimal digits of a non-negative value, zero-padded.
    private static void WriteDigits(int value, int count, Span<byte> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    // The buffer was sized for the row before binding, so a value that does not fit is a sizing bug, not bad input.
    private static int Formatted(bool fitted, int written) => fitted
        ? written
        : throw new InvalidOperationException("A value did not fit the row's text buffer.");

    // SQLITE_STATIC (a null destructor): SQLite reads the bytes where they are until the row is stepped, which the
    // pinned buffer allows, instead of copying each value into memory of its own.
    private int BindText(int index, int length, ref int used)
    {
        var rc = NativeMethods.sqlite3_bind_text(handle, index, textStart + used, length, 0);
        used += length;
        return rc;
    }

    private Span<byte> Free(int used) => text.AsSpan(used);

    // Sized before the first bind, so every value of the row lies in the same buffer while SQLite reads it.
    private void EnsureTextCapacity(ReadOnlySpan<object?> values)
    {
        var needed = 0;
        foreach (var value in values)
        {
            needed += value switch
            {
                string s => Encoding.UTF8.GetMaxByteCount(s.Length),
                Guid => GuidBytes,
                DateTime => DateTimeBytes,
                DateOnly => DateOnlyBytes,
                decimal => DecimalBytes,
                _ => 0,
            };
        }

        if (needed > text.Length)
        {
            text = AllocateText(Math.Max(needed, text.Length * 2));
        }
    }

    private byte[] AllocateText(int length)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        textStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return buffer;
    }

    // SQLitePCLRaw's wrappers take a safe handle (a reference count up and down per call) and a managed string; these
    // are the same functions of the same library, called with the statement's pointer while this object holds it.
    private static partial class NativeMethods
    {
        private const string Library = "e_sqlite3";

        [LibraryImport(Library)]
        public static partial int sqlite3_bind_text(nint statement, int index, byte* value, int length, nint destructor);

        [LibraryImport(Library)]
        public static partial int sqlite3_bind_int64(nint statement, int index, long value);

        [LibraryImport(Library)]
        public static partial int sqlite3_bind_double(nint statement, int index, double value);

        [LibraryImport(Library)]
        public static partial int sqlite3_bind_null(nint statement, int index);

        [LibraryImport(Library)]
        public static partial int sqlite3_step(nint statement);

        [LibraryImport(Library)]
        public static partial int sqlite3_reset(nint statement);
    }
}
