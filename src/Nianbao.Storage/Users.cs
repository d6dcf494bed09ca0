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

    /// <summary>Copied into every sign-in cookie; a new one ends every session signed in before it.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>The password was chosen by someone else (the generated first admin's): it must be changed before anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled user cannot sign in, and their sessions and tokens are refused; nothing of theirs is deleted.</summary>
    public bool Disabled { get; set; }
}

/// <summary>
/// Users and API tokens. Passwords arrive already hashed (the web layer uses ASP.NET Core Identity's hasher);
/// tokens are stored as their SHA-256, so a copy of the database does not give access.
/// </summary>
public static class Users
{
    /// <summary>A fresh random security stamp.</summary>
    public static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static long Add(this ReportStore store, string name, string passwordHash, string role, bool mustChangePassword = false)
    {
        if (!UserRoles.IsKnown(role)) throw new StoreException($"未知的角色：{role}（可用：{UserRoles.Reviewer}、{UserRoles.Admin}）");
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        if (c.ExecuteScalar<long?>("SELECT id FROM users WHERE name = @name", new { name }, tx) is not null)
            throw new StoreException($"用户已存在：{name}");
        var id = c.ExecuteScalar<long>(
            "INSERT INTO users (name, password_hash, role, created_at, security_stamp, must_change_password) VALUES (@name, @passwordHash, @role, @now, @stamp, @must) RETURNING id",
            new { name, passwordHash, role, now = Clock.Now(), stamp = NewStamp(), must = mustChangePassword ? 1 : 0 }, tx);
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

    public static UserRecord? FindUser(this ReportStore store, long id)
    {
        using var c = store.Connect();
        return c.QuerySingleOrDefault<UserRecord>("SELECT * FROM users WHERE id = @id", new { id });
    }

    /// <summary>A rehash of the same password (a newer hasher version): sessions stay.</summary>
    public static void SetPasswordHash(this ReportStore store, long userId, string passwordHash)
    {
        using var c = store.Connect();
        c.Execute("UPDATE users SET password_hash = @passwordHash WHERE id = @userId", new { userId, passwordHash });
    }

    /// <summary>A new password: every session of the user ends (new stamp); <paramref name="mustChange"/> when someone else chose it.</summary>
    /// <returns>The new stamp.</returns>
    public static string ChangePassword(this ReportStore store, string name, string passwordHash, bool mustChange)
    {
        var stamp = NewStamp();
        using var c = store.Connect();
        if (c.Execute("UPDATE users SET password_hash = @passwordHash, must_change_password = @must, security_stamp = @stamp WHERE name = @name",
                new { name, passwordHash, must = mustChange ? 1 : 0, stamp }) == 0)
            throw new StoreException($"没有这个用户：{name}");
        return stamp;
    }

    /// <summary>Ends every session of the user (logout ends them all, not only the browser's).</summary>
    public static void RenewStamp(this ReportStore store, long userId)
    {
        using var c = store.Connect();
        c.Execute("UPDATE users SET security_stamp = @stamp WHERE id = @userId", new { userId, stamp = NewStamp() });
    }

    /// <summary>A new role; the user's sessions end (a cookie never carries a role the store no longer gives).</summary>
    public static void SetRole(this ReportStore store, string name, string role)
    {
        if (!UserRoles.IsKnown(role)) throw new StoreException($"未知的角色：{role}（可用：{UserRoles.Reviewer}、{UserRoles.Admin}）");
        Change(store, name, (c, tx, user) =>
        {
            if (role != UserRoles.Admin) KeepAnAdmin(c, tx, user, "降为审核员");
            c.Execute("UPDATE users SET role = @role, security_stamp = @stamp WHERE id = @id", new { role, stamp = NewStamp(), id = user.Id }, tx);
        });
    }

    /// <summary>Disables (sessions and tokens refused) or enables a user.</summary>
    public static void SetDisabled(this ReportStore store, string name, bool disabled)
    {
        Change(store, name, (c, tx, user) =>
        {
            if (disabled) KeepAnAdmin(c, tx, user, "停用");
            c.Execute("UPDATE users SET disabled = @disabled, security_stamp = @stamp WHERE id = @id",
                new { disabled = disabled ? 1 : 0, stamp = NewStamp(), id = user.Id }, tx);
        });
    }

    /// <summary>Removes a user and their API tokens; corrections keep the name they were signed with.</summary>
    public static void Remove(this ReportStore store, string name)
    {
        Change(store, name, (c, tx, user) =>
        {
            KeepAnAdmin(c, tx, user, "删除");
            c.Execute("DELETE FROM api_tokens WHERE user_id = @id", new { id = user.Id }, tx);
            c.Execute("DELETE FROM users WHERE id = @id", new { id = user.Id }, tx);
        });
    }

    private static void Change(ReportStore store, string name, Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, UserRecord> change)
    {
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        var user = c.QuerySingleOrDefault<UserRecord>("SELECT * FROM users WHERE name = @name", new { name }, tx)
                   ?? throw new StoreException($"没有这个用户：{name}");
        change(c, tx, user);
        tx.Commit();
    }

    /// <summary>The store always keeps an enabled administrator: otherwise nobody could manage users from the web again.</summary>
    private static void KeepAnAdmin(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, UserRecord user, string action)
    {
        if (user.Role != UserRoles.Admin || user.Disabled) return;
        var others = c.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE role = @admin AND disabled = 0 AND id <> @id",
            new { admin = UserRoles.Admin, id = user.Id }, tx);
        if (others == 0) throw new StoreException($"{user.Name} 是唯一可用的管理员，不能{action}（请先添加或启用另一位管理员）");
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
            "SELECT u.* FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_sha256 = @tokenSha256 AND u.disabled = 0", new { tokenSha256 });
    }
}
