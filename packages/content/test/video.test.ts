import { describe, expect, it } from "vitest";
import { isEmbedUrl, videoEmbedUrl } from "../src/index.js";

describe("videoEmbedUrl", () => {
  it.each([
    [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
    [
      "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=3",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
    [
      "https://m.youtube.com/shorts/dQw4w9WgXcQ",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
    ["https://youtu.be/dQw4w9WgXcQ?t=42", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    [
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
    ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"],
    [
      "https://vimeo.com/76979871/8272103f6e",
      "https://player.vimeo.com/video/76979871?h=8272103f6e",
    ],
    [
      "https://player.vimeo.com/video/76979871?h=abc123",
      "https://player.vimeo.com/video/76979871?h=abc123",
    ],
    [
      "https://www.loom.com/share/0123456789abcdef0123456789abcdef",
      "https://www.loom.com/embed/0123456789abcdef0123456789abcdef",
    ],
    [
      "https://acme.wistia.com/medias/abcde12345",
      "https://fast.wistia.net/embed/iframe/abcde12345",
    ],
    [
      "https://fast.wistia.net/embed/iframe/abcde12345?videoFoam=true",
      "https://fast.wistia.net/embed/iframe/abcde12345",
    ],
  ])("%s → %s", (url, embed) => {
    expect(videoEmbedUrl(url)).toBe(embed);
    expect(isEmbedUrl(embed)).toBe(true);
  });

  it.each([
    "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ",
    "https://youtu.be/short",
    'https://youtu.be/dQw4w9WgXcQ"onload=x',
    "https://vimeo.com/channels/staffpicks",
    "https://www.loom.com/share/not-an-id",
    "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
    "https://example.com/video.mp4",
  ])("refuses %s", (url) => {
    expect(videoEmbedUrl(url)).toBeNull();
  });

  it("accepts only player URLs of the allowed origins as frame sources", () => {
    expect(isEmbedUrl("https://www.youtube-nocookie.com.evil.example/x")).toBe(false);
    expect(isEmbedUrl("https://evil.example/")).toBe(false);
    expect(isEmbedUrl('https://player.vimeo.com/video/1" onload="x')).toBe(false);
  });
});
