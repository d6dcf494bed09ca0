using Dapper;

namespace Nianbao.Storage;

/// <summary>Who may write (upload, correct, manage users). Roles are ordered: an admin is also a reviewer.</summary>
public static class UserRoles
{
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static bool IsKnown(string role) => role is Reviewer or Admin;
}

/// <summary>An API token as an administrator sees it: whose, what for, since when — never the token itself.</summary>
public sealed class TokenRecord
{
    public string TokenSha256 { get; set; } = "";
    public string UserName { get; set; } = "";
    public string? Label { get; set; }
    public string CreatedAt { get; set; } = "";
}

public sealed class UserRecord
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = "";
    public string CreatedAt { get; set; } = "";
}

/// <summary>
/// Users and API tokens. Passwords arrive already hashed (the web layer uses ASP.NET Core Identity's hasher);
/// tokens are stored as their SHA-256, so a copy of the database does not give access.
/// </summary>
public static class Users
{
    public static long Add(this ReportStore store, string name, string passwordHash, string role)
    {
        if (!UserRoles.IsKnown(role)) throw new StoreException($"未知的角色：{role}（可用：{UserRoles.Reviewer}、{UserRoles.Admin}）");
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        if (c.ExecuteScalar<long?>("SELECT id FROM users WHERE name = @name", new { name }, tx) is not null)
            throw new StoreException($"用户已存在：{name}");
        var id = c.ExecuteScalar<long>(
            "INSERT INTO users (name, password_hash, role, created_at) VALUES (@name, @passwordHash, @role, @now) RETURNING id",
            new { name, passwordHash, role, now = Clock.Now() }, tx);
        tx.Commit();
        return id;
    }

    public static UserRecord? FindUser(this ReportStore store, string name)
    {
        using var c = store.Connect();
        return c.QuerySingleOrDefault<UserRecord>("SELECT * FROM users WHERE name = @name", new { name });
    }

    public static IReadOnlyList<UserRecord> ListUsers(this ReportStore store)
    {
        using var c = store.Connect();
        return c.Query<UserRecord>("SELECT * FROM users ORDER BY name").ToList();
    }

    public static int CountUsers(this ReportStore store)
    {
        using var c = store.Connect();
        return c.ExecuteScalar<int>("SELECT COUNT(*) FROM users");
    }

    public static void SetPasswordHash(this ReportStore store, long userId, string passwordHash)
    {
        using var c = store.Connect();
        c.Execute("UPDATE users SET password_hash = @passwordHash WHERE id = @userId", new { userId, passwordHash });
    }

    public static void AddToken(this ReportStore store, long userId, string tokenSha256, string? label)
    {
        using var c = store.Connect();
        c.Execute("INSERT INTO api_tokens (token_sha256, user_id, label, created_at) VALUES (@tokenSha256, @userId, @label, @now)",
            new { tokenSha256, userId, label, now = Clock.Now() });
    }

    public static IReadOnlyList<TokenRecord> ListTokens(this ReportStore store)
    {
        using var c = store.Connect();
        return c.Query<TokenRecord>("""
            SELECT t.token_sha256, u.name AS user_name, t.label, t.created_at FROM api_tokens t JOIN users u ON u.id = t.user_id
            ORDER BY t.created_at, u.name
            """).ToList();
    }

    /// <returns>Whether a token was removed.</returns>
    public static bool RevokeToken(this ReportStore store, string tokenSha256)
    {
        using var c = store.Connect();
        return c.Execute("DELETE FROM api_tokens WHERE token_sha256 = @tokenSha256", new { tokenSha256 }) > 0;
    }

    public static UserRecord? FindUserByToken(this ReportStore store, string tokenSha256)
    {
        using var c = store.Connect();
        return c.QuerySingleOrDefault<UserRecord>(
            "SELECT u.* FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_sha256 = @tokenSha256", new { tokenSha256 });
    }
}
