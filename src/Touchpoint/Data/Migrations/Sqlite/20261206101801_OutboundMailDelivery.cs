using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboundMailDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Automatic",
                table: "OutboundMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "OutboundMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CaseReference",
                table: "OutboundMessages",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayAnswer",
                table: "OutboundMessages",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "OutboundMessages",
                type: "TEXT",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "OutboundMessages",
                type: "TEXT",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "OutboundMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "OutboundMessages",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_CaseId_CreatedAt",
                table: "OutboundMessages",
                columns: new[] { "CaseId", "CreatedAt" },
                filter: "\"CaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_MessageId",
                table: "OutboundMessages",
                column: "MessageId",
                unique: true,
                filter: "\"MessageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_Type_NextAttemptAt",
                table: "OutboundMessages",
                columns: new[] { "Type", "NextAttemptAt" },
                filter: "\"NextAttemptAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_CaseId_CreatedAt",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_MessageId",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_Type_NextAttemptAt",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "Automatic",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "CaseReference",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "GatewayAnswer",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "References",
                table: "OutboundMessages");
        }
    }
}
